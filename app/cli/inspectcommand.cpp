// `poslab-cli inspect PATH`: the tensors of a safetensors or NPY file (name, dtype, shape, bytes),
// read from the header alone, as text or JSON.

#include "cliargs.h"
#include "commands.h"

#include "error.h"
#include "jsontext.h"
#include "tensorfile.h"

namespace poslab::cli {

namespace {

std::string shapeText(const TensorInfo& t, const char* open, const char* sep, const char* close)
{
    std::string s = open;
    for (std::size_t k = 0; k < t.shape.size(); ++k)
        s += (k ? sep : "") + std::to_string(t.shape[k]);
    return s + close;
}

std::string asText(const TensorFile& f)
{
    const TensorIndex& index = f.index();
    std::string out = f.path() + ": " + index.format + ", " + std::to_string(index.tensors.size()) + " tensor" +
                      (index.tensors.size() == 1 ? "" : "s") + ", " + std::to_string(f.size()) + " bytes\n";
    for (const auto& [k, v] : index.metadata)
        out += "  metadata " + k + " = " + v + "\n";
    std::size_t width = 4;
    for (const TensorInfo& t : index.tensors)
        width = std::max(width, t.name.size());
    out += "  " + std::string("name") + std::string(width - 4, ' ') + "  dtype  shape           bytes\n";
    for (const TensorInfo& t : index.tensors) {
        std::string dtype = t.dtype + (t.readable() ? "" : "*");
        std::string shape = shapeText(t, "[", ", ", "]");
        out += "  " + t.name + std::string(width - t.name.size(), ' ') + "  " + dtype +
               std::string(dtype.size() < 5 ? 5 - dtype.size() : 0, ' ') + "  " + shape +
               std::string(shape.size() < 14 ? 14 - shape.size() : 0, ' ') + "  " + std::to_string(t.bytes) + "\n";
    }
    bool other = false;
    for (const TensorInfo& t : index.tensors)
        other = other || !t.readable();
    if (other) out += "  * not a floating-point type PosLab reads (F16, BF16, F32, F64)\n";
    return out;
}

std::string asJson(const TensorFile& f)
{
    const TensorIndex& index = f.index();
    std::string out = "{\"path\":" + jsonString(f.path()) + ",\"format\":" + jsonString(index.format) +
                      ",\"bytes\":" + std::to_string(f.size()) + ",\"metadata\":{";
    for (std::size_t k = 0; k < index.metadata.size(); ++k)
        out += (k ? "," : "") + jsonString(index.metadata[k].first) + ":" + jsonString(index.metadata[k].second);
    out += "},\"tensors\":[";
    for (std::size_t k = 0; k < index.tensors.size(); ++k) {
        const TensorInfo& t = index.tensors[k];
        out += std::string(k ? "," : "") + "{\"name\":" + jsonString(t.name) + ",\"dtype\":" + jsonString(t.dtype) +
               ",\"shape\":" + shapeText(t, "[", ",", "]") + ",\"offset\":" + std::to_string(t.offset) +
               ",\"bytes\":" + std::to_string(t.bytes) + ",\"readable\":" + (t.readable() ? "true" : "false") + "}";
    }
    return out + "]}\n";
}

} // namespace

std::string inspectUsage()
{
    return "Usage: poslab-cli inspect PATH [--format text|json]\n"
           "\n"
           "Lists the tensors of a .safetensors or .npy file: name, dtype, shape and bytes (and the\n"
           "safetensors __metadata__). Only the header is read; the file is checked against every rule\n"
           "of its format (offsets that tile the data exactly, sizes that match dtype and shape, no\n"
           "duplicate names) and refused with one line naming the rule it breaks.\n"
           "\n"
           "Options:\n"
           "  --format F   text (default) or json\n"
           "  -h, --help   show this help\n";
}

std::string runInspect(const std::vector<std::string>& args)
{
    std::vector<std::string> options;
    std::optional<std::string> path;
    for (const std::string& a : args) {
        if (!path && !a.empty() && a[0] != '-' && (options.empty() || options.back() != "--format"))
            path = a;
        else
            options.push_back(a);
    }
    const CliArgs opts = CliArgs::parse("inspect", {{"format"}}, options);
    if (opts.helpRequested()) return inspectUsage();
    if (!path) throw Error("inspect needs the path of a .safetensors or .npy file");
    const std::string format = opts.value("format").value_or("text");
    if (format != "text" && format != "json")
        throw Error("--format must be text or json, got " + quoteInput(format));
    const TensorFile file = TensorFile::open(*path);
    return format == "json" ? asJson(file) : asText(file);
}

} // namespace poslab::cli
