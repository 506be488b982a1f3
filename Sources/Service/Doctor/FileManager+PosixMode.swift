import Foundation

extension FileManager {
    /// The permission bits of whatever is at `path` (not following a symbolic link), or nil when nothing is there.
    func posixMode(atPath path: String) -> Int? {
        (try? attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}
