// Text, Markdown and JSON renderings of a worked example (poslab-cli explain).

#include "explain.h"

#include "error.h"
#include "i18n.h"
#include "jsontext.h"
#include "params.h"

#include <cmath>
#include <cstdio>

namespace poslab {

namespace {

constexpr Eigen::Index kMaxShown = 8;   // vectors longer than this are shown as their first entries

std::string fmt(double v)
{
    if (std::isinf(v))
        return v < 0 ? "−∞" : "∞";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v == 0.0 ? 0.0 : v);
    return buf;
}

std::string rowText(const Eigen::MatrixXd& m, Eigen::Index r)
{
    std::string s = m.cols() > 1 ? "(" : "";
    const Eigen::Index shown = std::min(m.cols(), kMaxShown);
    for (Eigen::Index c = 0; c < shown; ++c)
        s += (c ? ", " : "") + fmt(m(r, c));
    if (m.cols() > shown)
        s += ", " + fill(trCore("WalkFormat", "… %1 values"), {std::to_string(m.cols())});
    return s + (m.cols() > 1 ? ")" : "");
}

// A '|' inside a Markdown table cell ends the cell.
std::string cell(const std::string& s)
{
    std::string out;
    for (char c : s)
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

bool isTable(const Quantity& q) { return q.value.rows() > 1; }

// The quote's lines (verbatim article text, one per '\n').
std::vector<std::string> quoteLines(const std::string& quote)
{
    std::vector<std::string> lines;
    std::size_t from = 0;
    while (from <= quote.size()) {
        const std::size_t end = std::min(quote.find('\n', from), quote.size());
        lines.push_back(quote.substr(from, end - from));
        from = end + 1;
    }
    return lines;
}

// A line of the article with no Han character is a formula or code: Markdown sets it as code, so that
// its '_', '*' and '\' stay as the article wrote them.
bool isHan(const std::string& line)
{
    for (std::size_t k = 0; k + 2 < line.size(); ++k) {
        const auto b = static_cast<unsigned char>(line[k]);
        // U+4E00 … U+9FFF is E4 B8 80 … E9 BF BF in UTF-8
        if (b >= 0xE4 && b <= 0xE9) return true;
    }
    return false;
}

std::string quoteText(const std::string& quote, const std::string& indent)
{
    std::string s;
    bool first = true;
    for (const std::string& line : quoteLines(quote)) {
        s += indent + "> " + (first ? trCore("WalkFormat", "Article: ") : std::string()) + line + "\n";
        first = false;
    }
    return s;
}

std::string quoteMarkdown(const std::string& quote)
{
    std::string s;
    bool first = true;
    for (const std::string& line : quoteLines(quote)) {
        s += first ? "> " + trCore("WalkFormat", "Article: ") : std::string(">\n> ");
        s += (isHan(line) ? line : "`" + line + "`") + "\n";
        first = false;
    }
    return s;
}

std::string valueText(const Quantity& q)
{
    if (!q.text.empty() || q.value.size() == 0)
        return q.text;
    return rowText(q.value, 0);
}

std::string tableMarkdown(const Quantity& q)
{
    std::string s = "\n**" + q.name + "**\n\n|";
    s += q.rowLabels.empty() ? " |" : "  |";
    const Eigen::Index shown = std::min(q.value.cols(), kMaxShown);
    for (Eigen::Index c = 0; c < shown; ++c)
        s += " " + cell(c < static_cast<Eigen::Index>(q.colLabels.size()) ? q.colLabels[c] : std::to_string(c)) + " |";
    s += "\n|---|";
    for (Eigen::Index c = 0; c < shown; ++c)
        s += "---|";
    s += "\n";
    for (Eigen::Index r = 0; r < q.value.rows(); ++r) {
        s += "| " + cell(r < static_cast<Eigen::Index>(q.rowLabels.size()) ? q.rowLabels[r] : std::to_string(r)) + " |";
        for (Eigen::Index c = 0; c < shown; ++c)
            s += " " + fmt(q.value(r, c)) + " |";
        s += "\n";
    }
    return s;
}

std::string tableText(const Quantity& q, const std::string& indent)
{
    std::string s = indent + q.name + ":\n";
    for (Eigen::Index r = 0; r < q.value.rows(); ++r) {
        const std::string label =
            r < static_cast<Eigen::Index>(q.rowLabels.size()) ? q.rowLabels[r] : std::to_string(r);
        s += indent + "  " + label + ": " + rowText(q.value, r) + "\n";
    }
    return s;
}

std::string jsonQuantity(const Quantity& q)
{
    std::string s = "{\"name\":" + jsonString(q.name);
    if (!q.text.empty() || q.value.size() == 0)
        return s + ",\"text\":" + jsonString(q.text) + "}";
    s += ",\"shape\":[" + std::to_string(q.value.rows()) + "," + std::to_string(q.value.cols()) + "],\"value\":[";
    for (Eigen::Index r = 0; r < q.value.rows(); ++r) {
        s += r ? ",[" : "[";
        for (Eigen::Index c = 0; c < q.value.cols(); ++c)
            s += (c ? "," : "") + jsonNumber(q.value(r, c));
        s += "]";
    }
    s += "]";
    auto labels = [&](const char* key, const std::vector<std::string>& v) {
        if (v.empty())
            return;
        s += ",\"" + std::string(key) + "\":[";
        for (std::size_t k = 0; k < v.size(); ++k)
            s += (k ? "," : "") + jsonString(v[k]);
        s += "]";
    };
    labels("rows", q.rowLabels);
    labels("cols", q.colLabels);
    return s + "}";
}

std::string toText(const Walk& w)
{
    std::string s = w.title + "\n";
    for (std::size_t k = 0; k < w.steps.size(); ++k) {
        const Step& st = w.steps[k];
        s += "\n" + std::to_string(k + 1) + ". " + st.title +
             (st.flagged ? "  " + trCore("WalkFormat", "[does not add up]") : std::string()) + "\n";
        if (!st.quote.empty())
            s += quoteText(st.quote, "   ");
        s += "   " + st.formula + "\n";
        if (!st.text.empty())
            s += "   " + st.text + "\n";
        for (const auto* group : {&st.inputs, &st.results})
            for (const Quantity& q : *group)
                s += isTable(q) ? tableText(q, "   ") : "   " + q.name + " = " + valueText(q) + "\n";
        if (st.flagged)
            s += "   " + fill(trCore("WalkFormat", "Corrected: %1"), {st.correction}) + "\n";
    }
    return s;
}

std::string toMarkdown(const Walk& w)
{
    std::string s = "# " + w.title + "\n";
    for (std::size_t k = 0; k < w.steps.size(); ++k) {
        const Step& st = w.steps[k];
        s += "\n## " + std::to_string(k + 1) + ". " + st.title + "\n\n";
        if (!st.quote.empty())
            s += quoteMarkdown(st.quote) + "\n";
        s += fill(trCore("WalkFormat", "**Formula:** %1"), {st.formula}) + "\n\n";
        if (!st.text.empty())
            s += st.text + "\n";
        std::string rows, tables;
        for (const auto* group : {&st.inputs, &st.results})
            for (const Quantity& q : *group) {
                if (isTable(q))
                    tables += tableMarkdown(q);
                else
                    rows += "| " + cell(q.name) + " | " + cell(valueText(q)) + " |\n";
            }
        if (!rows.empty())
            s += "\n" + trCore("WalkFormat", "| quantity | value |") + "\n|---|---|\n" + rows;
        s += tables;
        if (st.flagged)
            s += "\n> " + fill(trCore("WalkFormat", "**Does not add up.** %1"), {st.correction}) + "\n";
    }
    return s;
}

std::string toJson(const Walk& w)
{
    std::string s = "{\"title\":" + jsonString(w.title) + ",\"scheme\":" + jsonString(w.scheme) +
                    ",\"head\":" + std::to_string(w.head) + ",\"i\":" + std::to_string(w.i) +
                    ",\"j\":" + std::to_string(w.j) + ",\"logit\":" + jsonNumber(w.logit) +
                    ",\"prob\":" + jsonNumber(w.prob) + ",\"steps\":[";
    for (std::size_t k = 0; k < w.steps.size(); ++k) {
        const Step& st = w.steps[k];
        s += (k ? "," : "") + std::string("{\"title\":") + jsonString(st.title) +
             ",\"formula\":" + jsonString(st.formula) + ",\"text\":" + jsonString(st.text) +
             (st.quote.empty() ? std::string() : ",\"quote\":" + jsonString(st.quote)) +
             ",\"flagged\":" + (st.flagged ? "true" : "false");
        if (st.flagged)
            s += ",\"correction\":" + jsonString(st.correction);
        for (const auto& [key, group] : {std::pair{"inputs", &st.inputs}, std::pair{"results", &st.results}}) {
            s += ",\"" + std::string(key) + "\":[";
            for (std::size_t q = 0; q < group->size(); ++q)
                s += (q ? "," : "") + jsonQuantity((*group)[q]);
            s += "]";
        }
        s += ",\"cells\":[";
        for (std::size_t c = 0; c < st.cells.size(); ++c)
            s += (c ? ",[" : "[") + std::to_string(st.cells[c].first) + "," + std::to_string(st.cells[c].second) + "]";
        s += "],\"deltas\":[";
        for (std::size_t c = 0; c < st.deltas.size(); ++c)
            s += (c ? "," : "") + std::to_string(st.deltas[c]);
        s += "]}";
    }
    return s + "]}\n";
}

} // namespace

WalkFormat parseWalkFormat(const std::string& name)
{
    if (name == "text")
        return WalkFormat::Text;
    if (name == "markdown")
        return WalkFormat::Markdown;
    if (name == "json")
        return WalkFormat::Json;
    throw Error(fill(trCore("Errors", "unknown format %1 (use text, markdown or json)"), {quoteInput(name)}));
}

std::string formatWalk(const Walk& walk, WalkFormat format)
{
    switch (format) {
    case WalkFormat::Text: return toText(walk);
    case WalkFormat::Markdown: return toMarkdown(walk);
    case WalkFormat::Json: return toJson(walk);
    }
    return {};
}

} // namespace poslab
