import Engine
import Foundation
import Programme

/// Reads `Dialogs/` from disk: `flows/*.flow`, `locales/<language>/*.locale` (and `locales/<language>/<register>/`),
/// `safeguarding/*.signals` and `*.corpus`, `transcripts/*.transcript`.
public struct DialogDirectory: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Loads and checks every programme template against the texts.
    public func loadTemplates(localizer: Localizer) throws -> TemplateCatalog {
        switch TemplateCatalog.build(files: try files(in: "programmes", withExtension: "programme"), localizer: localizer) {
        case .success(let catalog): return catalog
        case .failure(let failure): throw failure
        }
    }

    /// Loads and checks every flow and locale against the shipped actions.
    public func load(actions: ActionRegistry = .standard) throws -> DialogCatalog {
        let flows = try files(in: "flows", withExtension: "flow")
        var locales: [String: [DialogCatalog.SourceFile]] = [:]
        let localeRoot = (path as NSString).appendingPathComponent("locales")
        for language in try directoryNames(localeRoot) {
            locales[language] = try files(in: "locales/\(language)", withExtension: "locale")
            // A subfolder is a register of the language (`locales/bg/informal/`), chosen by a template's `register:`.
            for register in try directoryNames((localeRoot as NSString).appendingPathComponent(language)) {
                locales["\(language)\(Localizer.registerMark)\(register)"] =
                    try files(in: "locales/\(language)/\(register)", withExtension: "locale")
            }
        }
        let roles = Set(Role.allCases.map(\.rawValue))
        // Template ids for checking `programmes:` lines; the templates' own problems are reported by loadTemplates.
        let templates = Set(try files(in: "programmes", withExtension: "programme").compactMap { file in
            try? ProgrammeTemplateParser.parse(file.text, file: file.path).id
        })
        let safeguarding = try files(in: "safeguarding", withExtension: "signals")
            + files(in: "safeguarding", withExtension: "corpus")
        switch DialogCatalog.build(
            flowFiles: flows, localeFiles: locales, actions: actions.names, contracts: actions.contracts,
            texts: ServiceTexts.all, roles: roles, templates: templates, safeguardingFiles: safeguarding) {
        case .success(let catalog): return catalog
        case .failure(let failure): throw failure
        }
    }

    /// Paths of the transcript files, sorted.
    public func transcriptPaths() throws -> [String] {
        try files(in: "transcripts", withExtension: "transcript").map(\.path)
    }

    private func files(in folder: String, withExtension suffix: String) throws -> [DialogCatalog.SourceFile] {
        let directory = (path as NSString).appendingPathComponent(folder)
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix("." + suffix) }
            .sorted().map { name in
                let file = (directory as NSString).appendingPathComponent(name)
                return DialogCatalog.SourceFile(path: file, text: try String(contentsOfFile: file, encoding: .utf8))
            }
    }

    private func directoryNames(_ directory: String) throws -> [String] {
        guard FileManager.default.fileExists(atPath: directory) else {
            throw DialogCheckFailure(errors: [FlowFileError(file: directory, line: 0, message: "no such folder")])
        }
        return try FileManager.default.contentsOfDirectory(atPath: directory).filter { name in
            var isDirectory: ObjCBool = false
            let full = (directory as NSString).appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
    }
}
