// The NPY header, as NumPy writes and reads it (numpy/lib/format.py: write_array_header_1_0/2_0,
// read_array_header_1_0/2_0 and _read_array_header):
//
//   "\x93NUMPY" major minor | header length (u16 LE in 1.0, u32 LE in 2.0 and 3.0) | header | data
//   header: a Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
//
// NumPy evaluates the header with ast.literal_eval; here only the literal forms NumPy writes (and
// Python 2's "3L") are accepted, exactly the three keys, and data of exactly prod(shape) items.

#include "tensorfile.h"

#include "error.h"
#include "i18n.h"

#include <cstring>

namespace poslab {

namespace {

struct Literal
{
    enum class Kind { String, Bool, Tuple, Other };
    Kind kind = Kind::Other;
    std::string text;
    bool boolean = false;
    std::vector<std::uint64_t> ints;
};

class HeaderParser
{
  public:
    explicit HeaderParser(std::string_view s) : m_s(s) {}

    std::vector<std::pair<std::string, Literal>> dict()
    {
        std::vector<std::pair<std::string, Literal>> out;
        space();
        expect('{');
        for (;;) {
            space();
            if (peek() == '}') break;
            const Literal key = value();
            if (key.kind != Literal::Kind::String)
                fail(trCore(
                    "Errors",
                    "its header is not the dict NumPy writes: a key that is not a string at header byte %1"));
            for (const auto& [k, v] : out)
                if (k == key.text)
                    fail(
                        trCore("Errors",
                               "its header is not the dict NumPy writes: the key %2 twice at header byte %1"),
                        quoteInput(key.text));
            space();
            expect(':');
            space();
            out.emplace_back(key.text, value());
            space();
            if (peek() == ',') {
                ++m_at;
                continue;
            }
            space();
            if (peek() != '}')
                fail(
                    trCore("Errors",
                           "its header is not the dict NumPy writes: expected ',' or '}' at header byte %1"));
        }
        ++m_at;
        space();
        if (m_at != m_s.size())
            fail(trCore("Errors",
                        "its header is not the dict NumPy writes: text after the dict at header byte %1"));
        return out;
    }

  private:
    // `pattern`: "its header is not the dict NumPy writes: … at header byte %1", %2 for `detail`.
    [[noreturn]] void fail(const std::string& pattern, std::string_view detail = {}) const
    {
        throw Error(fill(pattern, {std::to_string(m_at), detail}));
    }
    char peek() const { return m_at < m_s.size() ? m_s[m_at] : '\0'; }
    void space()
    {
        while (m_at < m_s.size() && (m_s[m_at] == ' ' || m_s[m_at] == '\n' || m_s[m_at] == '\t'))
            ++m_at;
    }
    void expect(char c)
    {
        if (peek() != c)
            fail(trCore("Errors", "its header is not the dict NumPy writes: expected '%2' at header byte %1"),
                 std::string_view(&c, 1));
        ++m_at;
    }
    bool word(std::string_view w)
    {
        if (m_s.substr(m_at, w.size()) != w) return false;
        m_at += w.size();
        return true;
    }
    std::uint64_t integer()
    {
        std::uint64_t v = 0;
        const std::size_t begin = m_at;
        while (peek() >= '0' && peek() <= '9') {
            if (__builtin_mul_overflow(v, 10u, &v) || __builtin_add_overflow(v, unsigned(peek() - '0'), &v))
                fail(trCore(
                    "Errors",
                    "its header is not the dict NumPy writes: a dimension above 2^64 at header byte %1"));
            ++m_at;
        }
        if (m_at == begin)
            fail(trCore("Errors", "its header is not the dict NumPy writes: expected a non-negative integer "
                                  "at header byte %1"));
        if (peek() == 'L') ++m_at; // Python 2
        return v;
    }
    Literal value()
    {
        Literal l;
        const char c = peek();
        if (c == '\'' || c == '"') {
            ++m_at;
            const std::size_t end = m_s.find(c, m_at);
            if (end == std::string_view::npos)
                fail(trCore("Errors", "its header is not the dict NumPy writes: a string that is not closed "
                                      "at header byte %1"));
            l.text = std::string(m_s.substr(m_at, end - m_at));
            if (l.text.find('\\') != std::string::npos)
                fail(trCore(
                    "Errors",
                    "its header is not the dict NumPy writes: an escape in a string at header byte %1"));
            m_at = end + 1;
            l.kind = Literal::Kind::String;
        } else if (word("True")) {
            l.kind = Literal::Kind::Bool;
            l.boolean = true;
        } else if (word("False")) {
            l.kind = Literal::Kind::Bool;
        } else if (c == '(') {
            ++m_at;
            l.kind = Literal::Kind::Tuple;
            space();
            while (peek() != ')') {
                l.ints.push_back(integer());
                space();
                if (peek() == ',') {
                    ++m_at;
                    space();
                } else if (peek() != ')') {
                    fail(trCore("Errors", "its header is not the dict NumPy writes: expected ',' or ')' in "
                                          "the shape at header byte %1"));
                }
            }
            ++m_at;
        } else if (c == '[') {
            fail(trCore("Errors", "its header is not the dict NumPy writes: a structured dtype (PosLab reads "
                                  "plain float arrays) at header byte %1"));
        } else {
            fail(trCore("Errors", "its header is not the dict NumPy writes: a value other than a string, "
                                  "True, False or a tuple at header byte %1"));
        }
        return l;
    }

    std::string_view m_s;
    std::size_t m_at = 0;
};

std::uint32_t littleEndian(std::string_view s, std::size_t at, int bytes)
{
    std::uint32_t v = 0;
    for (int k = bytes - 1; k >= 0; --k)
        v = (v << 8) | static_cast<unsigned char>(s[at + std::size_t(k)]);
    return v;
}

} // namespace

TensorIndex parseNpy(std::string_view file, const std::string& name)
{
    if (file.size() < 10 || file.substr(0, 6) != "\x93NUMPY")
        throw Error(trCore("Errors", "not an NPY file (no \\x93NUMPY magic)"));
    const int major = static_cast<unsigned char>(file[6]), minor = static_cast<unsigned char>(file[7]);
    if (major < 1 || major > 3 || minor != 0)
        throw Error(
            fill(trCore("Errors", "NPY format version %1.%2 is not one PosLab reads (1.0, 2.0 or 3.0)"),
                 {std::to_string(major), std::to_string(minor)}));
    const std::size_t lengthBytes = major == 1 ? 2 : 4;
    if (file.size() < 8 + lengthBytes)
        throw Error(trCore("Errors", "the NPY file ends inside its header length"));
    const std::uint64_t headerLength = littleEndian(file, 8, int(lengthBytes));
    const std::uint64_t dataStart = 8 + lengthBytes + headerLength;
    if (dataStart > file.size())
        throw Error(
            fill(trCore("Errors", "the NPY header would be %1 bytes, the file has %2 after its length"),
                 {std::to_string(headerLength), std::to_string(file.size() - 8 - lengthBytes)}));
    std::string_view header = file.substr(8 + lengthBytes, headerLength);
    if (header.empty() || header.back() != '\n')
        throw Error(trCore("Errors", "the NPY header does not end with a newline"));
    if (major < 3) // latin-1 in 1.0 and 2.0; NumPy only ever writes ASCII there
        for (char c : header)
            if (static_cast<unsigned char>(c) >= 0x80)
                throw Error(trCore("Errors", "the NPY header is not ASCII"));

    const auto dict = HeaderParser(header).dict();
    const Literal* descr = nullptr;
    const Literal* fortran = nullptr;
    const Literal* shape = nullptr;
    for (const auto& [key, v] : dict) {
        if (key == "descr") descr = &v;
        else if (key == "fortran_order") fortran = &v;
        else if (key == "shape") shape = &v;
        else
            throw Error(fill(trCore("Errors", "the NPY header has an unknown key %1"), {quoteInput(key)}));
    }
    if (!descr || !fortran || !shape)
        throw Error(trCore("Errors", "the NPY header needs descr, fortran_order and shape"));
    if (descr->kind != Literal::Kind::String) throw Error(trCore("Errors", "the NPY descr must be a string"));
    if (fortran->kind != Literal::Kind::Bool)
        throw Error(trCore("Errors", "the NPY fortran_order must be True or False"));
    if (shape->kind != Literal::Kind::Tuple) throw Error(trCore("Errors", "the NPY shape must be a tuple"));
    if (fortran->boolean)
        throw Error(
            trCore("Errors",
                   "the array is in Fortran order; save it in C order (numpy.ascontiguousarray) to read it"));

    TensorInfo t;
    t.name = name;
    t.dtype = descr->text;
    t.shape = shape->ints;
    const std::string& d = descr->text;
    unsigned itemBytes = 0;
    if (d.size() == 3 && (d[0] == '<' || d[0] == '>' || d[0] == '=' || d[0] == '|') && d[1] == 'f') {
        itemBytes = unsigned(d[2] - '0');
        t.type = d[2] == '2' ? TensorType::F16 : d[2] == '4' ? TensorType::F32 : d[2] == '8' ? TensorType::F64
                                                                                           : TensorType::Other;
        t.bigEndian = d[0] == '>';
    }
    if (t.type == TensorType::Other)
        throw Error(
            fill(trCore("Errors", "the NPY dtype %1 is not one PosLab reads (float16, float32 or float64)"),
                 {quoteInput(d)}));
    std::uint64_t elements = 1, bytes = 0;
    for (std::uint64_t dim : t.shape)
        if (__builtin_mul_overflow(elements, dim, &elements))
            throw Error(trCore("Errors", "the NPY shape overflows 64 bits"));
    if (__builtin_mul_overflow(elements, std::uint64_t(itemBytes), &bytes))
        throw Error(trCore("Errors", "the NPY data size overflows 64 bits"));
    const std::uint64_t have = file.size() - dataStart;
    if (bytes != have)
        throw Error(fill(trCore("Errors", "the NPY shape and dtype need %1 bytes of data, the file has %2"),
                         {std::to_string(bytes), std::to_string(have)}));
    t.offset = dataStart;
    t.bytes = bytes;
    TensorIndex index;
    index.format = "npy";
    index.tensors.push_back(std::move(t));
    return index;
}

} // namespace poslab
