#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The operating-system login of this process, from its real user id (not `$USER`, which anyone can set).
public enum SystemLogin {
    public static func current() -> String {
        let uid = getuid()
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4_096)
        let status = getpwuid_r(uid, &entry, &buffer, buffer.count, &result)
        guard status == 0, result != nil, let name = entry.pw_name else { return "uid:\(uid)" }
        return String(cString: name)
    }
}
