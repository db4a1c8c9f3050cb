import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a path before SQLite sees it, so that a named pipe never blocks the open, and a directory, a device,
/// an empty, short or unreadable file each get their own message instead of a generic SQLite complaint.
enum DatabaseFile {
    /// SQLite's database header is 100 bytes; its first 16 are the magic string.
    static let headerSize = 100
    static let magic = Data("SQLite format 3\0".utf8)

    /// Throws the first reason `path` cannot be a database file; reads nothing but the header, never blocks.
    static func check(_ path: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .missingFile(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notARegularFile(path: path, kind: "directory")
        case S_IFIFO: throw .notARegularFile(path: path, kind: "named pipe (FIFO)")
        case S_IFCHR: throw .notARegularFile(path: path, kind: "character device")
        case S_IFBLK: throw .notARegularFile(path: path, kind: "block device")
        case S_IFSOCK: throw .notARegularFile(path: path, kind: "socket")
        default: throw .notARegularFile(path: path, kind: "special file")
        }
        guard access(path, R_OK) == 0 else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        let size = Int(info.st_size)
        if size == 0 { throw .emptyFile(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unreadable(path: path, reason: "the file could not be opened for reading")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: magic.count)) ?? Data()
        // Text or another format is "not SQLite"; the right start cut short is a truncated file.
        guard !header.isEmpty, magic.starts(with: header) else {
            throw .corrupt(path: path, detail: "the file does not start with an SQLite header")
        }
        if size < headerSize { throw .truncated(path: path, size: size) }
    }

    /// True when `path-wal` exists and holds frames: then the database cannot be read as an immutable file.
    static func hasWriteAheadLog(_ path: String) -> Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 0
    }

    /// An SQLite URI opening `path` as immutable: no locks, no -shm or -wal, for a file nothing can change
    /// (a read-only copy in a read-only folder). Needs an SQLite built with URI filenames (SQLITE_USE_URI),
    /// as Debian's and Apple's are; without it the open fails (read-only flags never create that odd name).
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "/-._~")
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(escaped)?immutable=1"
    }
}
