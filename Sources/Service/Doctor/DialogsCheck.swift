import Engine

/// Loads `Dialogs/` as `tandem serve` would: flows, texts in every language, programme templates.
struct DialogsCheck {
    let path: String

    /// How many `FILE:LINE: message` problems are shown; `tandem dialogs check` lists them all.
    static let shownProblems = 5

    func run() -> DoctorFinding {
        let directory = DialogDirectory(path: path)
        do {
            let catalog = try directory.load()
            let templates = try directory.loadTemplates(localizer: catalog.localizer)
            return .ok(
                "dialogs", "\(path): \(catalog.flows.count) flows, \(templates.templates.count) programme templates, "
                    + "\(catalog.localizer.languages.count) languages")
        } catch let failure as DialogCheckFailure {
            let errors = failure.errors
            var lines = errors.prefix(Self.shownProblems).map(\.description)
            if errors.count > Self.shownProblems { lines.append("… and \(errors.count - Self.shownProblems) more") }
            return .fail(
                "dialogs", "\(errors.count) problem(s) in \(path)",
                fix: "fix these lines; `tandem dialogs check \(path)` lists them all", lines: lines)
        } catch {
            return .fail("dialogs", "cannot read \(path): \(error)", fix: "check dialogs.path")
        }
    }
}
