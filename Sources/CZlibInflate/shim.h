#ifndef BANGO_CZLIB_INFLATE_SHIM_H
#define BANGO_CZLIB_INFLATE_SHIM_H

// zlib's inflate, for gzip streams (zip members are ZIPFoundation's job).
#include <zlib.h>

// inflateInit2 is a macro (it passes the library version and struct size), which
// Swift cannot import; expose it as a function. windowBits 15 + 16 reads a gzip header.
static inline int bango_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 16);
}

#endif
