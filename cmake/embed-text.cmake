# cmake/embed-text.cmake: cmake -DIN=<file> -DOUT=<file.inc> -P embed-text.cmake
# Writes the text of IN as C string literals, one per line, to be #included as an
# initializer: static const char text[] = #include "file.inc" ;
file(READ "${IN}" text)
string(REPLACE "\\" "\\\\" text "${text}")
string(REPLACE "\"" "\\\"" text "${text}")
string(REPLACE "\n" "\\n\"\n\"" text "${text}")
file(WRITE "${OUT}.tmp" "\"${text}\"\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
