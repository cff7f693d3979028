# Turns a text file into a C++ source defining `extern const std::string_view SYM`.
file(READ "${IN}" content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUT}" "#include <string_view>\nnamespace { const char data[] = {${bytes} 0}; }\nextern const std::string_view ${SYM}(data, sizeof(data) - 1);\n")
