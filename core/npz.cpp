// NPZ: what numpy.savez and numpy.savez_compressed write, a ZIP archive with one NPY member
// "name.npy" per array (numpy/lib/npyio.py, _savez; the ZIP format: PKWARE APPNOTE.TXT 6.3.x).
//
//   [local header, member data]... [central directory] [ZIP64 end record, locator]? [end record]
//
// The central directory is the index: each entry gives the member's name, method, sizes, CRC and
// the offset of its local header, whose name and extra lengths say where the data starts. numpy
// opens every member with force_zip64=True, so local headers carry ZIP64 extras; sizes are read
// from the central directory (and its own ZIP64 extra where a field is 0xFFFFFFFF). Stored members
// are used in place (the file stays mapped); deflated ones (savez_compressed) are inflated into
// memory, checked against the memory budget first and against their CRC-32 after.

#include "tensorfile.h"

#include "budget.h"
#include "error.h"
#include "i18n.h"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <set>

namespace poslab {

namespace {

constexpr std::uint32_t kEndSig = 0x06054b50, kEnd64Sig = 0x06064b50, kLocator64Sig = 0x07064b50,
                        kCentralSig = 0x02014b50, kLocalSig = 0x04034b50;

std::uint64_t le(std::string_view s, std::uint64_t at, int bytes)
{
    std::uint64_t v = 0;
    for (int k = bytes - 1; k >= 0; --k)
        v = (v << 8) | static_cast<unsigned char>(s[std::size_t(at) + std::size_t(k)]);
    return v;
}

// at + length inside the file, without overflow.
bool fits(std::string_view file, std::uint64_t at, std::uint64_t length)
{
    return at <= file.size() && length <= file.size() - at;
}

struct Member
{
    std::string name;
    std::uint16_t method = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0, size = 0, localOffset = 0, dataOffset = 0;
};

// `pattern` ("member %1 …", in the interface language) about the member `name`, quoted.
Error memberError(const std::string& pattern, const std::string& name, std::string_view more = {},
                  std::string_view most = {})
{
    return Error(fill(pattern, {quoteInput(name), more, most}));
}

std::vector<Member> centralDirectory(std::string_view file)
{
    if (file.size() < 22) throw Error(trCore("Errors", "too short for a ZIP archive (no end record)"));
    // The end record: its signature, then a comment that reaches exactly the end of the file.
    std::uint64_t end = std::numeric_limits<std::uint64_t>::max();
    const std::uint64_t lowest = file.size() > 22 + 65535 ? file.size() - 22 - 65535 : 0;
    for (std::uint64_t at = file.size() - 22 + 1; at-- > lowest;)
        if (le(file, at, 4) == kEndSig && at + 22 + le(file, at + 20, 2) == file.size()) {
            end = at;
            break;
        }
    if (end == std::numeric_limits<std::uint64_t>::max())
        throw Error(trCore("Errors", "no ZIP end record (not an NPZ archive, or cut short)"));
    std::uint64_t disk = le(file, end + 4, 2), cdDisk = le(file, end + 6, 2);
    std::uint64_t entries = le(file, end + 10, 2), cdSize = le(file, end + 12, 4),
                  cdOffset = le(file, end + 16, 4);
    if (entries == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        // ZIP64: the locator just before the end record points at the ZIP64 end record.
        if (end < 20 || le(file, end - 20, 4) != kLocator64Sig)
            throw Error(trCore("Errors", "a ZIP64 archive without its locator"));
        const std::uint64_t at = le(file, end - 20 + 8, 8);
        if (!fits(file, at, 56) || le(file, at, 4) != kEnd64Sig)
            throw Error(trCore("Errors", "the ZIP64 end record is not where its locator says"));
        disk = le(file, at + 16, 4);
        cdDisk = le(file, at + 20, 4);
        entries = le(file, at + 32, 8);
        cdSize = le(file, at + 40, 8);
        cdOffset = le(file, at + 48, 8);
    }
    if (disk != 0 || cdDisk != 0) throw Error(trCore("Errors", "a multi-volume ZIP archive"));
    if (!fits(file, cdOffset, cdSize))
        throw Error(trCore("Errors", "the ZIP central directory lies outside the file"));
    if (entries > cdSize / 46)
        throw Error(fill(trCore("Errors", "the ZIP central directory is too small for its %1 entries"),
                         {std::to_string(entries)}));

    std::vector<Member> members;
    std::set<std::string> names;
    std::uint64_t at = cdOffset;
    for (std::uint64_t k = 0; k < entries; ++k) {
        if (!fits(file, at, 46) || at + 46 > cdOffset + cdSize || le(file, at, 4) != kCentralSig)
            throw Error(
                fill(trCore("Errors", "ZIP central directory entry %1 is malformed"), {std::to_string(k)}));
        Member m;
        const std::uint64_t flags = le(file, at + 8, 2);
        m.method = std::uint16_t(le(file, at + 10, 2));
        m.crc = std::uint32_t(le(file, at + 16, 4));
        m.compressed = le(file, at + 20, 4);
        m.size = le(file, at + 24, 4);
        const std::uint64_t nameLength = le(file, at + 28, 2), extraLength = le(file, at + 30, 2),
                            commentLength = le(file, at + 32, 2), startDisk = le(file, at + 34, 2);
        m.localOffset = le(file, at + 42, 4);
        const std::uint64_t variable = nameLength + extraLength + commentLength;
        if (!fits(file, at + 46, variable) || at + 46 + variable > cdOffset + cdSize)
            throw Error(fill(trCore("Errors", "ZIP central directory entry %1 runs past the directory"),
                             {std::to_string(k)}));
        m.name = std::string(file.substr(std::size_t(at + 46), std::size_t(nameLength)));
        // ZIP64 extra (id 1): 8-byte values for the fields that are 0xFFFFFFFF, in this order.
        std::uint64_t extra = at + 46 + nameLength;
        const std::uint64_t extraEnd = extra + extraLength;
        while (extra + 4 <= extraEnd) {
            const std::uint64_t id = le(file, extra, 2), length = le(file, extra + 2, 2);
            if (extra + 4 + length > extraEnd)
                throw memberError(trCore("Errors", "member %1 has a malformed extra field"), m.name);
            if (id == 1) {
                std::uint64_t p = extra + 4;
                for (std::uint64_t* field : {&m.size, &m.compressed, &m.localOffset}) {
                    if (*field != 0xFFFFFFFF) continue;
                    if (p + 8 > extra + 4 + length)
                        throw memberError(trCore("Errors", "member %1 has a short ZIP64 extra field"),
                                          m.name);
                    *field = le(file, p, 8);
                    p += 8;
                }
            }
            extra += 4 + length;
        }
        if (startDisk != 0 && startDisk != 0xFFFF)
            throw Error(trCore("Errors", "a multi-volume ZIP archive"));
        if (flags & 1) throw memberError(trCore("Errors", "member %1 is encrypted"), m.name);
        if (m.method != 0 && m.method != 8)
            throw memberError(trCore("Errors",
                                     "member %1 uses ZIP compression method %2 (numpy writes 0, stored, "
                                     "or 8, deflate)"),
                              m.name, std::to_string(m.method));
        if (m.method == 0 && m.compressed != m.size)
            throw memberError(trCore("Errors", "member %1 is stored but its sizes differ (%2 and %3)"),
                              m.name, std::to_string(m.compressed), std::to_string(m.size));
        if (m.name.size() < 5 || m.name.compare(m.name.size() - 4, 4, ".npy") != 0)
            throw memberError(
                trCore("Errors", "member %1 is not an .npy array (numpy.savez writes only NAME.npy)"),
                m.name);
        m.name.resize(m.name.size() - 4);
        if (!names.insert(m.name).second)
            throw Error(fill(trCore("Errors", "two members are named %1"), {quoteInput(m.name + ".npy")}));
        // Where the data starts: after the local header's own name and extra.
        if (!fits(file, m.localOffset, 30) || le(file, m.localOffset, 4) != kLocalSig)
            throw memberError(trCore("Errors", "member %1: no local header where the directory says"),
                              m.name + ".npy");
        m.dataOffset = m.localOffset + 30 + le(file, m.localOffset + 26, 2) + le(file, m.localOffset + 28, 2);
        if (!fits(file, m.dataOffset, m.compressed))
            throw memberError(trCore("Errors", "member %1's data lies outside the file"), m.name + ".npy");
        members.push_back(std::move(m));
        at += 46 + variable;
    }
    // No two members share bytes (a ZIP bomb's trick); none reaches into the directory.
    std::vector<const Member*> sorted;
    for (const Member& m : members)
        sorted.push_back(&m);
    std::sort(sorted.begin(), sorted.end(),
              [](const Member* a, const Member* b) { return a->localOffset < b->localOffset; });
    for (std::size_t k = 0; k < sorted.size(); ++k) {
        const std::uint64_t endOfData = sorted[k]->dataOffset + sorted[k]->compressed;
        const std::uint64_t next = k + 1 < sorted.size() ? sorted[k + 1]->localOffset : cdOffset;
        if (endOfData > next)
            throw memberError(trCore("Errors", "member %1 overlaps the next part of the archive"),
                              sorted[k]->name + ".npy");
    }
    return members;
}

void inflateInto(std::string_view in, char* out, std::uint64_t size, const std::string& name)
{
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw Error(trCore("Errors", "zlib cannot start inflating"));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.next_out = reinterpret_cast<Bytef*>(out);
    std::uint64_t inLeft = in.size(), outLeft = size;
    int rc = Z_OK;
    while (rc == Z_OK) { // in pieces of at most 1 GiB: zlib's counts are 32-bit
        const auto inChunk = uInt(std::min<std::uint64_t>(inLeft, 1u << 30));
        const auto outChunk = uInt(std::min<std::uint64_t>(outLeft, 1u << 30));
        z.avail_in = inChunk;
        z.avail_out = outChunk;
        rc = inflate(&z, Z_NO_FLUSH);
        inLeft -= inChunk - z.avail_in;
        outLeft -= outChunk - z.avail_out;
        // No progress: the input ended early, or the output is full and the stream goes on (more
        // bytes than the directory says, as a ZIP bomb would).
        if (rc == Z_OK && z.avail_in == inChunk && z.avail_out == outChunk) rc = Z_BUF_ERROR;
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END || inLeft != 0 || outLeft != 0)
        throw memberError(
            trCore("Errors", "member %1 does not inflate to the %2 bytes its directory entry says"),
            name + ".npy", std::to_string(size));
}

} // namespace

NpzArchive parseNpz(std::string_view file)
{
    const std::vector<Member> members = centralDirectory(file);
    if (members.empty()) throw Error(trCore("Errors", "the NPZ archive has no arrays"));
    NpzArchive archive;
    archive.index.format = "npz";
    const bool inflate =
        std::any_of(members.begin(), members.end(), [](const Member& m) { return m.method == 8; });
    if (inflate) {
        // Every member in one buffer (the stored ones copied), so that all offsets refer to it.
        std::uint64_t total = 0;
        for (const Member& m : members)
            if (__builtin_add_overflow(total, m.size, &total))
                throw Error(trCore("Errors", "the NPZ arrays' sizes overflow 64 bits"));
        checkMemory("weights", double(total),
                    trCore("Errors", "the NPZ archive's arrays, inflated (numpy.savez_compressed)"),
                    trCore("Errors", "save them with numpy.savez (stored members are read in place)"));
        archive.owned.resize(std::size_t(total));
    }
    std::uint64_t at = 0;
    for (const Member& m : members) {
        const std::string_view data = file.substr(std::size_t(m.dataOffset), std::size_t(m.compressed));
        std::string_view bytes = data;
        std::uint64_t base = m.dataOffset;
        if (inflate) {
            char* out = archive.owned.data() + at;
            if (m.method == 8)
                inflateInto(data, out, m.size, m.name);
            else
                std::copy(data.begin(), data.end(), out);
            const auto crc = crc32_z(0L, reinterpret_cast<const Bytef*>(out), std::size_t(m.size));
            if (crc != m.crc)
                throw memberError(trCore("Errors", "member %1 fails its CRC-32 check"), m.name + ".npy");
            bytes = std::string_view(out, std::size_t(m.size));
            base = at;
            at += m.size;
        }
        TensorIndex one;
        try {
            one = parseNpy(bytes, m.name);
        } catch (const Error& e) {
            throw memberError(trCore("Errors", "member %1: %2"), m.name + ".npy", e.what());
        }
        TensorInfo t = std::move(one.tensors.front());
        t.offset += base;
        archive.index.tensors.push_back(std::move(t));
    }
    std::sort(archive.index.tensors.begin(), archive.index.tensors.end(),
              [](const TensorInfo& a, const TensorInfo& b) { return a.offset < b.offset; });
    return archive;
}

} // namespace poslab
