#ifndef GUIDEBOOK_CSTEMMER_SHIM_H
#define GUIDEBOOK_CSTEMMER_SHIM_H
#include <libstemmer.h>
#endif
