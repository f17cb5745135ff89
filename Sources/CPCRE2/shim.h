#ifndef BANGO_CPCRE2_SHIM_H
#define BANGO_CPCRE2_SHIM_H

// PCRE2 is built for three code-unit widths; bango only uses the 8-bit library.
// The width must be chosen before the header is included, and Swift then sees the
// `_8`-suffixed functions (the generic names are macros Swift cannot import).
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

// Macros that expand to casts are not imported by Swift; expose them as functions.
static inline PCRE2_SIZE bango_pcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }
static inline PCRE2_SIZE bango_pcre2_unset(void) { return PCRE2_UNSET; }

#endif
