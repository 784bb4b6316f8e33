/// A file path split into its folder and its last component, as text. Foundation's
/// `NSString.deletingLastPathComponent` and `lastPathComponent` trap on a one-character
/// path on Linux (`backup --out a` crashed), and `URL` and `NSString` path methods cost tens
/// of thousands of instructions a call where an export makes thousands of names.
package enum PathText {
    /// The folder a path names a file in: `.` for a bare name, `/` for a name in the root.
    /// A trailing `/` is part of the name (`a/b/` is `b/` in `a`).
    package static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path (after its last `/`).
    package static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }
}
