#ifndef BANGO_CHYPERSCAN_SHIM_H
#define BANGO_CHYPERSCAN_SHIM_H

// Hyperscan (amd64: libhyperscan-dev) or its portable fork Vectorscan (arm64:
// libvectorscan-dev); both install hs.h under include/hs and a libhs.pc that adds it.
#include <hs.h>

#endif
