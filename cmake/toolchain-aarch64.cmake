# Cross-compiling for arm64 (aarch64-linux-gnu) on Debian with multiarch: the compilers from
# crossbuild-essential-arm64, the libraries as NAME:arm64 packages in /usr/lib/aarch64-linux-gnu
# (no sysroot: multiarch puts both architectures in one root). Used by .ci/cross-arm64:
#   cmake -S . -B build-arm64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-aarch64.cmake \
#         -DPOSLAB_BUILD_GUI=OFF -DPOSLAB_BUILD_BENCH=OFF
# Test programs (and gtest_discover_tests at build time) run through qemu-user; QEMU_CPU picks the
# emulated CPU (qemu's default for user mode is `max`, with SVE).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(POSLAB_CROSS_TRIPLE aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${POSLAB_CROSS_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${POSLAB_CROSS_TRIPLE}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${POSLAB_CROSS_TRIPLE})

# Packages are found for the target only (/usr/lib/aarch64-linux-gnu/cmake, /usr/share/…), the
# programs run at build time for the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)

find_program(POSLAB_QEMU_AARCH64 NAMES qemu-aarch64 qemu-aarch64-static)
if(POSLAB_QEMU_AARCH64)
    # -L: where the arm64 loader and libraries are; "/" with multiarch (/lib/ld-linux-aarch64.so.1).
    set(CMAKE_CROSSCOMPILING_EMULATOR ${POSLAB_QEMU_AARCH64} -L /)
endif()
