import Foundation

/// Words that give away how a Bulgarian or Turkish reply addresses its reader: formally (Вие / siz) or informally
/// (ти / sen). Quoted words (commands such as „запиши“) are not counted: a command reads the same in both. A few
/// words, not a grammar: what they miss, a reader of the transcripts catches.
struct RegisterMarkers {
    let formal: Set<String>
    let informal: Set<String>

    static let byLanguage: [String: RegisterMarkers] = [
        "bg": RegisterMarkers(
            formal: [
                "вие", "ви", "вас", "ваш", "ваша", "ваше", "ваши", "вашия", "вашият", "вашата", "вашето", "вашите",
                "сте", "кажете", "напишете", "пишете", "изпратете", "отговорете", "опитайте", "проверете", "изберете",
                "запишете", "можете", "имате", "искате", "обсъдете", "изчакайте", "копирайте", "поправете",
                "допълнете", "отворете", "посочете", "продължете", "срещнете", "уговорете", "поставете", "отделете",
                "помолете", "обърнете", "добавете", "звъннете", "питайте", "попитайте", "дайте", "разделете",
                "видите", "добавите", "изготвите", "предложите", "изпратите", "съгласите", "отбележите", "планирате",
            ],
            informal: [
                "ти", "теб", "тебе", "твой", "твоя", "твоят", "твоята", "твоето", "твоите", "кажи", "напиши", "пиши",
                "изпрати", "отговори", "опитай", "провери", "избери", "можеш", "имаш", "искаш", "обсъди", "изчакай",
                "копирай", "поправи", "допълни", "отвори", "посочи", "срещни", "уговори", "постави",
                "отдели", "помоли", "обърни", "добави", "звънни", "питай", "попитай", "дай", "раздели", "готов",
                "притеснен", "написал", "искал", "поискаш", "потвърдиш", "продължиш", "напишеш",
            ]),
        "tr": RegisterMarkers(
            formal: [
                "siz", "sizin", "size", "sizi", "sizden", "sizinle", "deyin", "yazın", "gönderin", "söyleyin", "seçin",
                "bekleyin", "deneyin", "edin", "ekleyin", "yanıtlayın", "okuyun", "girin", "kaydedin", "açın", "verin",
                "bakın", "arayın", "belirleyin", "paylaşın", "görüşün", "anlatın", "ayırın",
                "çiftinizin", "çiftiniz", "eşiniz", "eşinize", "eşinizle", "görüşmeniz", "kaydınız", "musunuz",
                "misiniz", "yazabilirsiniz", "istediğiniz", "değilsiniz", "katıldınız", "söylediğinizi",
                "bildiriminiz", "verdiğiniz",
            ],
            informal: [
                "sen", "senin", "sana", "seni", "senden", "seninle", "yaz", "gönder", "söyle", "seç", "bekle", "dene",
                "ekle", "yanıtla", "oku", "gir", "aç", "ver", "bak", "ara", "belirle", "sor", "konuş",
                "paylaş", "görüş", "anlat", "ayır", "istersen", "edebilirsin", "yazabilirsin",
            ]),
    ]

    /// The marker words of `line` of each register; quoted words, a menu item's command word, option lines and
    /// summary lines (which show the person's answers) left out.
    func found(in line: String) -> (formal: [String], informal: [String]) {
        if line.range(of: #"^(\d+\. |• [^—:]+: )"#, options: .regularExpression) != nil { return ([], []) }
        let unquoted = line.replacingOccurrences(of: #"^• [^—]+ — "#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"(„[^“]*“|"[^"]*"|«[^»]*»)"#, with: " ", options: .regularExpression)
            // "the two of you" is plural in either register.
            .replacingOccurrences(of: #"двама(та)? ви"#, with: " ", options: .regularExpression)
        let words = unquoted.lowercased().split { !$0.isLetter && $0 != "/" }.map(String.init)
            .map { $0.split(separator: "/").first.map(String.init) ?? $0 }
        return (words.filter(formal.contains), words.filter(informal.contains))
    }
}
