import CZLibInflate
public import Foundation
public import PathfolioCore

/// Writes a LEAP2A zip package: `leap2a.xml` and the evidence files, as ePortfolio systems
/// such as Mahara import them.
///
/// The caller reads the files (the library does no I/O) and passes their bytes by evidence
/// URI; each goes into `files/` and the feed's enclosure points at it, while the evidence's
/// own URI stays in Pathfolio's extension, so ``LEAP2AReader`` gives it back. Evidence not
/// given stays a reference. The zip is deterministic: stored members, fixed dates.
public enum LEAP2APackageWriter {
    public static func write(_ portfolio: Portfolio, updated: Date,
                             attachments: [String: Data]) -> (data: Data, losses: LossReport) {
        var paths: [String: String] = [:]
        var members: [(path: String, data: Data)] = []
        for (index, uri) in attachments.keys.sorted().enumerated() {
            let name = uri.split(separator: "/").last.map(String.init) ?? "file"
            let path = "files/\(index + 1)-\(name)"
            paths[uri] = path
            members.append((path, attachments[uri]!))
        }
        let (feed, losses) = LEAP2AWriter.write(portfolio, updated: updated, packaged: paths)
        return (ZipWriter.stored([("leap2a.xml", feed)] + members), losses)
    }
}

/// A zip of stored (uncompressed) members with fixed dates.
enum ZipWriter {
    static func stored(_ members: [(path: String, data: Data)]) -> Data {
        var output = Data(), directory = Data()
        func u16(_ value: Int, _ into: inout Data) { into.append(UInt8(value & 0xFF)); into.append(UInt8(value >> 8 & 0xFF)) }
        func u32(_ value: Int, _ into: inout Data) { u16(value & 0xFFFF, &into); u16(value >> 16 & 0xFFFF, &into) }
        for member in members {
            let name = Data(member.path.utf8)
            let crc = member.data.withUnsafeBytes { buffer -> Int in
                Int(crc32(0, buffer.bindMemory(to: Bytef.self).baseAddress, uInt(buffer.count)))
            }
            let offset = output.count
            // version 2.0, UTF-8 names, stored, 1980-01-01 00:00
            for (value, width) in [(0x0403_4B50, 4), (20, 2), (0x0800, 2), (0, 2), (0, 2), (0x21, 2), (crc, 4),
                                   (member.data.count, 4), (member.data.count, 4), (name.count, 2), (0, 2)] {
                if width == 4 { u32(value, &output) } else { u16(value, &output) }
            }
            output.append(name)
            output.append(member.data)
            for (value, width) in [(0x0201_4B50, 4), (20, 2), (20, 2), (0x0800, 2), (0, 2), (0, 2), (0x21, 2), (crc, 4),
                                   (member.data.count, 4), (member.data.count, 4), (name.count, 2), (0, 2), (0, 2),
                                   (0, 2), (0, 2), (0, 4), (offset, 4)] {
                if width == 4 { u32(value, &directory) } else { u16(value, &directory) }
            }
            directory.append(name)
        }
        let directoryOffset = output.count
        output.append(directory)
        for (value, width) in [(0x0605_4B50, 4), (0, 2), (0, 2), (members.count, 2), (members.count, 2),
                               (directory.count, 4), (directoryOffset, 4), (0, 2)] {
            if width == 4 { u32(value, &output) } else { u16(value, &output) }
        }
        return output
    }
}
