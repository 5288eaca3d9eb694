#include "i18n.h"

#include <atomic>
#include <vector>

namespace poslab {

namespace {
std::atomic<CoreTranslator> g_translator{nullptr};
}

void setCoreTranslator(CoreTranslator translator)
{
    g_translator.store(translator);
}

std::string trCore(const char* context, const char* source, const char* disambiguation)
{
    if (const CoreTranslator translator = g_translator.load()) {
        std::string translated = translator(context, source, disambiguation);
        if (!translated.empty()) return translated;
    }
    return source;
}

std::string fill(std::string_view pattern, std::initializer_list<std::string_view> args)
{
    const std::vector<std::string_view> values(args);
    std::string out;
    out.reserve(pattern.size() + 16 * values.size());
    for (std::size_t k = 0; k < pattern.size(); ++k) {
        const char c = pattern[k];
        if (c == '%' && k + 1 < pattern.size()) {
            const char next = pattern[k + 1];
            if (next == '%') {
                out += '%';
                ++k;
                continue;
            }
            if (next >= '1' && next <= '9') {
                const auto index = static_cast<std::size_t>(next - '1');
                if (index < values.size()) {
                    out += values[index];
                    ++k;
                    continue;
                }
            }
        }
        out += c;
    }
    return out;
}

} // namespace poslab
