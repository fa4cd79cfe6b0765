# SPDX-License-Identifier: Apache-2.0
# cmake/mingw-w64.cmake: cross-compiling for 64-bit Windows with mingw-w64 (Debian package
# mingw-w64). The programs are .exe files; when Wine is installed, CMake runs them (tests,
# the corpus encoding step) through cmake/wine-run.sh with a private prefix in the build tree.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(AWEFUZZ_MINGW_PREFIX x86_64-w64-mingw32)
set(CMAKE_C_COMPILER ${AWEFUZZ_MINGW_PREFIX}-gcc)
set(CMAKE_RC_COMPILER ${AWEFUZZ_MINGW_PREFIX}-windres)

# Headers and libraries come from the mingw-w64 sysroot only; programs (the emulator) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/${AWEFUZZ_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)

# Self-contained executables: no libgcc / libwinpthread DLLs to find at run time.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
# C99 printf (%zu, %llu) from mingw-w64 itself rather than the old msvcrt.dll one.
set(CMAKE_C_FLAGS_INIT "-D__USE_MINGW_ANSI_STDIO=1")

find_program(AWEFUZZ_WINE NAMES wine wine64)
if(AWEFUZZ_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR
      ${CMAKE_CURRENT_LIST_DIR}/wine-run.sh;${CMAKE_BINARY_DIR}/wineprefix)
endif()
