#include "tokenizer.h"

#include "error.h"
#include "i18n.h"
#include "lablimits.h"

#include <algorithm>
#include <span>

namespace poslab {

namespace {

struct CodePoint
{
    char32_t cp;
    std::size_t begin;
    std::size_t end;
};

// What a code point does to tokenization. Control characters count as Space: they are invisible
// and would only make unreadable labels.
enum class Kind
{
    Space,    // separates tokens, never part of one
    Word,     // letters and digits of any script, underscore
    Punct,    // punctuation and symbols: one token each
    Cjk,      // ideographs and kana: one token each (no spaces between words in those scripts)
    Extender, // combining marks and invisible joiners: attach to the preceding character
};

struct Range
{
    char32_t lo;
    char32_t hi;
};

bool inRanges(char32_t c, std::span<const Range> ranges)
{
    return std::any_of(ranges.begin(), ranges.end(), [c](Range r) { return c >= r.lo && c <= r.hi; });
}

constexpr char32_t kZwj = 0x200D;

constexpr Range kSpaces[] = {
    {0x0080, 0x009F}, // C1 controls, including U+0085 NEL
    {0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200B}, {0x2028, 0x2029},
    {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}, {0xFEFF, 0xFEFF},
};

// Combining marks of the common scripts (not the whole of Unicode's Mn/Mc/Me), variation selectors,
// emoji skin tones and tags, and invisible format characters such as the soft hyphen and ZWNJ (which
// sits inside Persian words). Hangul jungseong/jongseong make a decomposed syllable one character.
constexpr Range kExtenders[] = {
    {0x00AD, 0x00AD},   {0x0300, 0x036F},   {0x0483, 0x0489}, {0x0591, 0x05BD},   {0x05BF, 0x05BF},
    {0x05C1, 0x05C2},   {0x05C4, 0x05C5},   {0x05C7, 0x05C7}, {0x0610, 0x061A},   {0x064B, 0x065F},
    {0x0670, 0x0670},   {0x06D6, 0x06DC},   {0x06DF, 0x06E4}, {0x06E7, 0x06E8},   {0x06EA, 0x06ED},
    {0x0900, 0x0903},   {0x093A, 0x093C},   {0x093E, 0x094F}, {0x0951, 0x0957},   {0x0962, 0x0963},
    {0x0E31, 0x0E31},   {0x0E34, 0x0E3A},   {0x0E47, 0x0E4E}, {0x1160, 0x11FF},   {0x1AB0, 0x1AFF},
    {0x1DC0, 0x1DFF},   {0x200C, 0x200D},   {0x2060, 0x2064}, {0x206A, 0x206F},   {0x20D0, 0x20FF},
    {0xD7B0, 0xD7FF},   {0xFE00, 0xFE0F},   {0xFE20, 0xFE2F}, {0x1F3FB, 0x1F3FF}, {0xE0001, 0xE0001},
    {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};

constexpr Range kCjk[] = {
    {0x2E80, 0x2FDF}, // radicals and Kangxi radicals
    {0x3040, 0x30FF}, // hiragana, katakana
    {0x3100, 0x312F}, // bopomofo
    {0x3190, 0x31FF}, // kanbun, bopomofo extended, strokes, katakana extensions
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0xFF66, 0xFF9F}, // halfwidth katakana
    {0x1B000, 0x1B16F},                                                       // kana supplement
    {0x20000, 0x3FFFF}, // ideograph extensions B onwards, compatibility supplement
};

// Non-ASCII punctuation and symbols. Letters and digits in U+00A1–U+00BF (ª µ º ¹ ² ³ ¼ ½ ¾) are
// handled before this table is consulted.
constexpr Range kPunct[] = {
    {0x00A1, 0x00BF}, {0x00D7, 0x00D7}, {0x00F7, 0x00F7}, {0x037E, 0x037E}, {0x0387, 0x0387},
    {0x055A, 0x055F}, {0x0589, 0x058A}, {0x05BE, 0x05BE}, {0x05C0, 0x05C0}, {0x05C3, 0x05C3},
    {0x05C6, 0x05C6}, {0x05F3, 0x05F4}, {0x060C, 0x060D}, {0x061B, 0x061B}, {0x061D, 0x061F},
    {0x066A, 0x066D}, {0x06D4, 0x06D4}, {0x0964, 0x0965}, {0x0970, 0x0970}, {0x0E3F, 0x0E3F},
    {0x0E4F, 0x0E4F}, {0x0E5A, 0x0E5B}, {0x2010, 0x205E}, {0x20A0, 0x20CF}, {0x2100, 0x214F},
    {0x2190, 0x2BFF}, {0x2E00, 0x2E7F}, {0x2FF0, 0x2FFF}, {0x3001, 0x303F}, {0x3200, 0x33FF},
    {0xFD3E, 0xFD3F}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F}, {0xFF01, 0xFF0F}, {0xFF1A, 0xFF20},
    {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65}, {0xFFE0, 0xFFEE}, {0xFFF0, 0xFFFF}, {0x1F000, 0x1FAFF},
};

Kind classify(char32_t c)
{
    if (c < 0x80) {
        if (c <= 0x20 || c == 0x7F) return Kind::Space;
        if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_')
            return Kind::Word;
        return Kind::Punct;
    }
    if (inRanges(c, kSpaces)) return Kind::Space;
    if (inRanges(c, kExtenders)) return Kind::Extender;
    switch (c) {
    case 0xAA:
    case 0xB2:
    case 0xB3:
    case 0xB5:
    case 0xB9:
    case 0xBA:
    case 0xBC:
    case 0xBD:
    case 0xBE:
        return Kind::Word;
    default:
        break;
    }
    if (inRanges(c, kCjk)) return Kind::Cjk;
    if (inRanges(c, kPunct)) return Kind::Punct;
    return Kind::Word;
}

bool isRegionalIndicator(char32_t c)
{
    return c >= 0x1F1E6 && c <= 0x1F1FF;
}

[[noreturn]] void throwInvalid(std::size_t offset)
{
    throw Error(fill(trCore("Errors", "invalid UTF-8 at byte %1"), {std::to_string(offset)}));
}

// Strict UTF-8 (RFC 3629): rejects stray continuation bytes, truncated sequences, overlong forms,
// surrogates and values above U+10FFFF. The offset reported is where the bad sequence starts.
std::vector<CodePoint> decode(std::string_view s)
{
    std::vector<CodePoint> out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b0 = static_cast<unsigned char>(s[i]);
        if (b0 < 0x80) {
            out.push_back({b0, i, i + 1});
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t cp = 0;
        char32_t minimum = 0;
        if ((b0 & 0xE0) == 0xC0) {
            len = 2, cp = b0 & 0x1F, minimum = 0x80;
        } else if ((b0 & 0xF0) == 0xE0) {
            len = 3, cp = b0 & 0x0F, minimum = 0x800;
        } else if ((b0 & 0xF8) == 0xF0) {
            len = 4, cp = b0 & 0x07, minimum = 0x10000;
        } else {
            throwInvalid(i);
        }
        if (len > s.size() - i) throwInvalid(i);
        for (std::size_t k = 1; k < len; ++k) {
            const auto b = static_cast<unsigned char>(s[i + k]);
            if ((b & 0xC0) != 0x80) throwInvalid(i);
            cp = (cp << 6) | (b & 0x3F);
        }
        if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) throwInvalid(i);
        out.push_back({cp, i, i + len});
        i += len;
    }
    return out;
}

// A user-perceived character, approximately: a base code point plus the extenders after it, with
// ZWJ gluing the next code point on (emoji sequences) and regional indicators taken in pairs (flags).
struct Cluster
{
    std::size_t begin;
    std::size_t end;
    Kind kind; // of the base; never Space or Extender
    char32_t base;
};

std::vector<Cluster> clusters(const std::vector<CodePoint>& cps)
{
    std::vector<Cluster> out;
    std::size_t i = 0;
    while (i < cps.size()) {
        const Kind kind = classify(cps[i].cp);
        if (kind == Kind::Space) {
            ++i;
            continue;
        }
        // A mark with nothing before it to attach to stands alone, as part of a word.
        Cluster cl{cps[i].begin, cps[i].end, kind == Kind::Extender ? Kind::Word : kind, cps[i].cp};
        bool flagOpen = isRegionalIndicator(cps[i].cp);
        std::size_t j = i + 1;
        while (j < cps.size()) {
            const char32_t c = cps[j].cp;
            if (c == kZwj) {
                ++j;
                if (j < cps.size() && classify(cps[j].cp) != Kind::Space) ++j;
            } else if (classify(c) == Kind::Extender) {
                ++j;
            } else if (flagOpen && isRegionalIndicator(c)) {
                flagOpen = false;
                ++j;
            } else {
                break;
            }
        }
        cl.end = cps[j - 1].end;
        out.push_back(cl);
        i = j;
    }
    return out;
}

bool isWordJoiner(const Cluster& c)
{
    return c.base == '\'' || c.base == 0x2019 || c.base == '-';
}

std::vector<Token> wordTokens(const std::vector<Cluster>& cls)
{
    std::vector<Token> out;
    bool inWord = false; // out.back() is a word that ends at the previous cluster
    for (std::size_t k = 0; k < cls.size(); ++k) {
        const Cluster& c = cls[k];
        const bool touchesPrev = k > 0 && cls[k - 1].end == c.begin;
        if (c.kind == Kind::Word) {
            if (inWord && touchesPrev)
                out.back().end = c.end;
            else
                out.push_back({{}, c.begin, c.end});
            inWord = true;
            continue;
        }
        // don't, state-of-the-art: an apostrophe or hyphen between two word characters.
        const bool nextIsWord =
            k + 1 < cls.size() && cls[k + 1].kind == Kind::Word && cls[k + 1].begin == c.end;
        if (isWordJoiner(c) && inWord && touchesPrev && nextIsWord) {
            out.back().end = c.end;
            continue;
        }
        out.push_back({{}, c.begin, c.end});
        inWord = false;
    }
    return out;
}

} // namespace

std::vector<Token> tokenize(std::string_view utf8, TokenizerMode mode)
{
    // Checked before decoding (about 50 bytes of working memory per byte of text) and before each
    // token's text is copied.
    if (utf8.size() > kMaxTextBytes)
        throw Error(fill(trCore("Errors", "the text has %1 bytes, more than %2 (%3 MiB)"),
                         {std::to_string(utf8.size()), std::to_string(kMaxTextBytes),
                          std::to_string(kMaxTextBytes >> 20)}));
    const std::vector<Cluster> cls = clusters(decode(utf8));
    std::vector<Token> tokens;
    if (mode == TokenizerMode::Word) {
        tokens = wordTokens(cls);
    } else {
        tokens.reserve(cls.size());
        for (const Cluster& c : cls)
            tokens.push_back({{}, c.begin, c.end});
    }
    if (tokens.size() > std::size_t(kMaxPositions))
        throw Error(fill(trCore("Errors", "the text has %1 tokens, more than %2"),
                         {std::to_string(tokens.size()), std::to_string(kMaxPositions)}));
    for (Token& t : tokens)
        t.text = std::string(utf8.substr(t.begin, t.end - t.begin));
    return tokens;
}

TokenizerMode parseTokenizerMode(std::string_view name)
{
    if (name == "word") return TokenizerMode::Word;
    if (name == "char") return TokenizerMode::Char;
    throw Error(
        fill(trCore("Errors", "unknown tokenizer %1 (use word or char)"), {quoteInput(std::string(name))}));
}

std::string tokenizerModeName(TokenizerMode mode)
{
    switch (mode) {
    case TokenizerMode::Word:
        return "word";
    case TokenizerMode::Char:
        return "char";
    }
    return "word";
}

} // namespace poslab
