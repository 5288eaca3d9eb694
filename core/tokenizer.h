#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace poslab {

enum class TokenizerMode {
    Word,  // runs of letters/digits; each punctuation mark and each CJK character is its own token
    Char,  // one token per Unicode character (a code point plus any combining marks after it)
};

struct Token
{
    std::string text;         // UTF-8
    std::size_t begin = 0;    // byte offsets into the input
    std::size_t end = 0;
};

// Throws poslab::Error on invalid UTF-8 (with the byte offset). Whitespace separates tokens and
// never becomes one.
std::vector<Token> tokenize(std::string_view utf8, TokenizerMode mode);

TokenizerMode parseTokenizerMode(std::string_view name);   // "word" | "char", else Error
std::string tokenizerModeName(TokenizerMode mode);

} // namespace poslab
