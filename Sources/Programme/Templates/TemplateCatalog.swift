import Engine

/// The programme templates Tandem knows, checked against the texts they name.
public struct TemplateCatalog: Sendable {
    public let templates: [ProgrammeTemplate]

    public init(templates: [ProgrammeTemplate]) { self.templates = templates.sorted { $0.id < $1.id } }

    public func template(_ id: String) -> ProgrammeTemplate? { templates.first { $0.id == id } }

    /// Parses every file and checks that each text key exists in English; returns all problems.
    public static func build(files: [DialogCatalog.SourceFile], localizer: Localizer) -> Result<TemplateCatalog, DialogCheckFailure> {
        var errors: [FlowFileError] = []
        var templates: [ProgrammeTemplate] = []
        for file in files {
            do {
                let template = try ProgrammeTemplateParser.parse(file.text, file: file.path)
                if templates.contains(where: { $0.id == template.id }) {
                    errors.append(FlowFileError(file: file.path, line: 1, message: "template `\(template.id)` declared twice"))
                }
                templates.append(template)
                errors += missingTexts(template, localizer)
            } catch {
                errors.append(error)
            }
        }
        guard errors.isEmpty else { return .failure(DialogCheckFailure(errors: errors)) }
        return .success(TemplateCatalog(templates: templates))
    }

    private static func missingTexts(_ template: ProgrammeTemplate, _ localizer: Localizer) -> [FlowFileError] {
        let english = localizer.entries[Localizer.fallbackLanguage] ?? [:]
        var keys: [(String, Int)] = [(template.title, 1)]
        for step in template.steps { keys += [(step.title, step.line), (step.instruction, step.line)] }
        for document in template.documents { keys.append((document.title, document.line)) }
        return keys.filter { english[$0.0] == nil }.map { key, line in
            FlowFileError(file: template.file, line: line,
                          message: key.isEmpty ? "a title or instruction is missing" : "missing translation `\(key)` in en")
        }
    }
}
