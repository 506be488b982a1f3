/// How out-of-office and other automatic replies begin their subject when they carry no header saying so (older
/// Exchange, webmail vacation messages), in the languages Tandem speaks and the common others. Lowercased phrases
/// only — no single words a person might start a subject with.
enum MIMEAutoReplySubjects {
    static let prefixes = [
        // English
        "automatic reply", "auto reply", "auto-reply", "autoreply", "auto response", "autoresponse",
        "out of office", "out of the office",
        // Bulgarian
        "автоматичен отговор", "извън офиса", "автоматично съобщение",
        // Turkish
        "otomatik yanıt", "otomatik yanit", "otomatik cevap", "ofis dışında", "ofis dışı",
        // German, French, Spanish, Italian, Dutch, Portuguese
        "automatische antwort", "abwesenheitsnotiz", "réponse automatique", "absence du bureau",
        "respuesta automática", "fuera de la oficina", "risposta automatica", "fuori sede", "automatisch antwoord",
        "resposta automática", "ausente do escritório",
        // Russian, Polish, Swedish, Greek, Romanian
        "автоматический ответ", "вне офиса", "автоответ", "automatyczna odpowiedź", "poza biurem",
        "automatiskt svar", "frånvaromeddelande", "αυτόματη απάντηση", "răspuns automat",
    ]

    /// The phrase `subject` begins with (any case, after spaces and `[`), or nil.
    static func match(_ subject: String) -> String? {
        let lowered = subject.lowercased().drop { $0 == " " || $0 == "\t" || $0 == "[" }
        return prefixes.first { lowered.hasPrefix($0) }
    }
}
