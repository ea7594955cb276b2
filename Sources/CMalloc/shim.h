// glibc's allocator settings (mallopt): Swift's Glibc module leaves <malloc.h> out.
#if __has_include(<malloc.h>)
#include <malloc.h>
#endif
