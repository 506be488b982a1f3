import Engine
import Programme

/// A generated conversation through one flow in one language, as a transcript without expectations: the person
/// starts the flow with its trigger word in that language, asks for status and help, answers each question first
/// wrongly (where an answer can be wrong) and then rightly, and confirms. Also the menu each role sees and the
/// scheduler's reminders. Written in the language's own words, so every reply is in that language.
struct FlowWalk {
    let name: String
    let text: String
    /// Whether the person walking is a mentee or mentor of the programme (not a newcomer, not staff).
    var pairMember = true

    /// Words a person of that language would type: a free-text answer, a wrong answer, a list.
    struct Phrases {
        let text: String
        let wrong: String
        let list: String
    }

    static let phrases: [String: Phrases] = [
        "bg": Phrases(text: "Кратък отговор за проверка на превода", wrong: "щщщ", list: "едно, две"),
        "tr": Phrases(text: "Çeviri denetimi için kısa bir yanıt", wrong: "şşş", list: "bir, iki"),
    ]
    /// Answers a question needs whatever the language, by question id (a wrong IBAN would be asked for again).
    static let given = ["iban": "BG80 BNBG 9661 1020 3456 78", "currency": "BGN", "rate": "1,95583", "code": joinCode]
    static let joinCode = "K7P-2QX"
    static let staff = "staff@example.org"
    /// Names the fixture puts in replies (people, programmes, the join code): not English, whatever they look like.
    static let fixtureText = ["Transcript programme", "Programme \(joinCode)", joinCode, "Alex", "Sam", "Staff"]
    /// Roles tried for a flow, in this order: the first one the flow admits and the template has.
    static let roles: [Role] = [.mentee, .mentor, .facilitator, .finance, .coordinator, .safeguarding]

    /// Every flow in every template it belongs to, the menu of every role of every template, and the reminders.
    static func all(_ catalog: DialogCatalog, _ templates: TemplateCatalog, language: String) -> [FlowWalk] {
        var walks: [FlowWalk] = []
        for template in templates.templates {
            for flow in catalog.flows where flow.templates?.contains(template.id) ?? true {
                guard let setup = setup(for: flow.audience, template, language, catalog.localizer) else { continue }
                walks.append(FlowWalk(
                    name: "\(flow.id) (\(template.id))",
                    text: setup + through(flow, language, catalog.localizer),
                    pairMember: flow.audience != .newcomers))
            }
            for role in template.roles {
                let setup = setup(as: role, template, language, catalog.localizer)
                let words = Words(localizer: catalog.localizer, language: language)
                walks.append(FlowWalk(
                    name: "menu of \(role.rawValue) (\(template.id))",
                    text: setup + "> \(phrases[language]?.wrong ?? "?")\n> \(words.first("words.help"))\n"))
            }
            walks.append(FlowWalk(
                name: "reminders (\(template.id))",
                text: "@ language \(language)\n@ enrol mentee \(template.id) 2026-01-05\n@ scheduler\n@ wait 720 h\n"
                    + "@ scheduler\n"))
        }
        return walks
    }

    /// The directives that make someone the flow admits: a newcomer, a pair member or someone with a programme role.
    private static func setup(
        for audience: Flow.Audience, _ template: ProgrammeTemplate, _ language: String, _ localizer: Localizer
    ) -> String? {
        switch audience {
        case .newcomers:
            return "@ language \(language)\n@ programme \(template.id) 2026-01-05 \(joinCode)\n"
        case .anyone, .enrolled:
            return setup(as: .mentee, template, language, localizer)
        case .roles(let allowed):
            guard let role = roles.first(where: { allowed.contains($0.rawValue) && template.roles.contains($0) })
            else { return nil }
            return setup(as: role, template, language, localizer)
        }
    }

    private static func setup(as role: Role, _ template: ProgrammeTemplate, _ language: String,
                              _ localizer: Localizer) -> String {
        var text = "@ now 2026-03-14 10:00\n@ language \(language)\n"
        if role.isPairRole { return text + "@ enrol \(role.rawValue) \(template.id) 2026-01-05\n" }
        // Staff are enrolled in English: they switch to the language with the English words.
        let switchLanguage = "\(Words(localizer: localizer, language: "en").first("words.language")) \(language)"
        text += "@ enrol mentee \(template.id) 2026-01-05\n@ staff \(role.rawValue) \(staff)\n@ as \(staff)\n"
        return text + "> \(switchLanguage)\n"
    }

    /// The messages of a walk through `flow`.
    private static func through(_ flow: Flow, _ language: String, _ localizer: Localizer) -> String {
        let words = Words(localizer: localizer, language: language)
        let phrases = phrases[language] ?? Phrases(text: "?", wrong: "?", list: "?")
        var lines = ["> \(flow.trigger.map(words.first) ?? phrases.wrong)"]
        if flow.trigger == nil, flow.triggerAnywhere == nil { return "" }
        if !flow.states.isEmpty { lines += ["> \(words.first("words.status"))", "> \(words.first("words.help"))"] }
        for question in flow.states {
            guard let type = question.slotType else { continue }
            if ![.text, .list, .attachment].contains(type) { lines.append("> \(phrases.wrong)") }
            if let given = given[question.id] {
                lines.append("> \(given)")
                continue
            }
            switch type {
            case .text: lines.append("> \(phrases.text)")
            case .list: lines.append("> \(phrases.list)")
            case .attachment: lines += ["@ attach receipt.pdf", "> "]
            case .yesno: lines.append("> \(words.first("words.yes"))")
            case .integer, .choice: lines.append("> 1")
            case .date:
                lines.append("> \(words.first(question.direction == .future ? "words.tomorrow" : "words.yesterday"))")
            case .time: lines.append("> 10:30")
            case .duration: lines.append("> 45 \(words.first("words.minutes"))")
            case .money: lines.append("> 45,50 \(words.first("words.currency.EUR"))")
            }
        }
        if flow.confirm != nil { lines.append("> \(words.first("words.yes"))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first of a text's words in the walk's language.
    struct Words {
        let localizer: Localizer
        let language: String

        func first(_ key: String) -> String { localizer.words(key, language).first ?? key }
    }
}
