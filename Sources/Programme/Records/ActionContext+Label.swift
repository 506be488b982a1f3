import Foundation

/// Names shown from texts that also list recognised words ("weekly, every week"): the first one.
extension ActionContext {
    func label(_ key: String) -> String {
        let text = say(key)
        return text.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? text
    }
}
