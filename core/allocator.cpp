#include "allocator.h"

#include <cstdlib> // defines __GLIBC__ on glibc (nothing before this line would)

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace poslab {

void retainFreedMemory()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 256 << 20); // setting it also stops glibc's own adjustment
    mallopt(M_TRIM_THRESHOLD, 512 << 20);
#endif
}

} // namespace poslab
