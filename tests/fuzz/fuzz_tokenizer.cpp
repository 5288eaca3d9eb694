// The tokenizer on any bytes (the text of --text, the explorer's sequence box and a session's
// "text"): either one Error naming a byte offset, exactly when the bytes are not strict UTF-8, or
// tokens that are non-empty, in order, non-overlapping and equal to the bytes they point at.
#include "fuzzcheck.h"

#include <error.h>
#include <tokenizer.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

// RFC 3629, written independently of the tokenizer's decoder: no overlong forms, no surrogates,
// nothing above U+10FFFF, no stray or missing continuation bytes.
bool strictUtf8(std::string_view s)
{
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if (b < 0x80) {
            ++i;
            continue;
        }
        if ((b & 0xE0) == 0xC0) {
            len = 2, cp = b & 0x1F, minimum = 0x80;
        } else if ((b & 0xF0) == 0xE0) {
            len = 3, cp = b & 0x0F, minimum = 0x800;
        } else if ((b & 0xF8) == 0xF0) {
            len = 4, cp = b & 0x07, minimum = 0x10000;
        } else {
            return false;
        }
        if (s.size() - i < len) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

void check(std::string_view text, poslab::TokenizerMode mode, bool valid)
{
    try {
        const auto tokens = poslab::tokenize(text, mode);
        FUZZ_CHECK(valid);
        std::size_t previousEnd = 0;
        for (const poslab::Token& t : tokens) {
            FUZZ_CHECK(t.begin >= previousEnd);
            FUZZ_CHECK(t.begin < t.end);
            FUZZ_CHECK(t.end <= text.size());
            FUZZ_CHECK(t.text == text.substr(t.begin, t.end - t.begin));
            previousEnd = t.end;
        }
    } catch (const poslab::Error& e) {
        FUZZ_CHECK(!valid);
        FUZZ_CHECK(std::string_view(e.what()).starts_with("invalid UTF-8 at byte "));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const bool valid = strictUtf8(text);
    check(text, poslab::TokenizerMode::Word, valid);
    check(text, poslab::TokenizerMode::Char, valid);
    return 0;
}
