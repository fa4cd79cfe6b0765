# SPDX-License-Identifier: Apache-2.0
# cmake/embed-text.cmake: one C text made of several source files, embedded as strings.
#   cmake -DIN="<file>|<file>|..." -DOUT=<file.inc> [-DOUT_C=<file.c>] [-DROOT=<dir>] -P embed-text.cmake
# Concatenates the files in the order given, each after a line naming it (relative to ROOT),
# and drops their #include "..." lines: the files come in dependency order, so what they
# include is already there (system includes stay). OUT gets the text as C string literals,
# one line per element, to be #included as an initializer:
#   static const char *const text[] = {
#   #include "file.inc"
#   };
# (an array, not one literal: compilers cap the length of a single string literal).
# OUT_C gets the text itself, so that the build can compile it.
string(REPLACE "|" ";" inputs "${IN}")
set(all "")
foreach(file ${inputs})
  file(READ "${file}" text)
  set(name "${file}")
  if(ROOT)
    file(RELATIVE_PATH name "${ROOT}" "${file}")
  endif()
  string(REGEX REPLACE "\n#include \"[^\"\n]*\"[^\n]*" "\n" text "\n${text}")
  string(SUBSTRING "${text}" 1 -1 text)
  string(APPEND all "/* ---- ${name} ---- */\n${text}")
endforeach()

function(write_if_different path content)
  file(WRITE "${path}.tmp" "${content}")
  file(COPY_FILE "${path}.tmp" "${path}" ONLY_IF_DIFFERENT)
  file(REMOVE "${path}.tmp")
endfunction()

if(OUT_C)
  write_if_different("${OUT_C}" "${all}")
endif()
string(REPLACE "\\" "\\\\" text "${all}")
string(REPLACE "\"" "\\\"" text "${text}")
string(REPLACE "??" "?\\?" text "${text}") # no trigraphs
string(REPLACE "\n" "\\n\",\n\"" text "${text}")
write_if_different("${OUT}" "\"${text}\"\n")
