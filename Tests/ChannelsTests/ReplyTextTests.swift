import Channels
import Testing

@Suite("ReplyText")
struct ReplyTextTests {
    @Test(arguments: [
        // English: Gmail, wrapped attribution.
        ("Sounds good.\n\nOn Mon, 3 Mar 2025 at 10:00, Ana Petrova <ana@example.org>\nwrote:\n\n> Shall we meet?\n",
         "Sounds good."),
        // English: Apple Mail style, single line.
        ("Yes!\n\nOn 3 Mar 2025, at 10:00, Ana <ana@example.org> wrote:\n\n> Shall we meet?", "Yes!"),
        // English: Outlook.
        ("See you then.\n\n-----Original Message-----\nFrom: Ana\nSent: Monday\nSubject: x\n\nold", "See you then."),
        ("See you then.\n\nFrom: Ana Petrova <ana@example.org>\nSent: Monday, March 3, 2025 10:00 AM\nTo: Bob\n\nold",
         "See you then."),
        ("Done\n________________________________\nFrom: Tandem\nSent: Monday\n", "Done"),
        ("*From:* Tandem <t@example.org>\n*Date:* Monday", ""),
        // Bulgarian: Gmail, Thunderbird and Outlook.
        ("Добре, до петък.\n\nНа пн, 3.03.2025 г. в 10:00 ч. Ана Петрова <ana@example.bg> написа:\n> Кога?",
         "Добре, до петък."),
        ("Става.\n\nНа 3.03.2025 г. в 10:00, Ана Петрова написа:\n> Кога?", "Става."),
        ("Става.\n\nНа 3.03.2025 10:00, Ана написа следното:\n> Кога?", "Става."),
        ("Благодаря!\n\nОт: Ана Петрова <ana@example.bg>\nИзпратено: понеделник, 3 март 2025 г. 10:00\nДо: Tandem\n"
            + "Тема: Среща\n\nКога?", "Благодаря!"),
        ("Да.\n\n-----Оригинално съобщение-----\nОт: Ана", "Да."),
        // Turkish: Gmail, Apple Mail and Outlook.
        ("Tamam, görüşürüz.\n\nAna <ana@example.org>, 3 Mar 2025 Pzt, 10:00 tarihinde şunu yazdı:\n> Ne zaman?",
         "Tamam, görüşürüz."),
        ("Olur.\n\n3 Mar 2025 tarihinde 10:00 saatinde, Ana <ana@example.org> şunları yazdı:\n\n> Ne zaman?", "Olur."),
        ("Teşekkürler.\n\nKimden: Ana <ana@example.org>\nGönderildi: 3 Mart 2025 Pazartesi 10:00\nKime: Tandem\n"
            + "Konu: Görüşme", "Teşekkürler."),
        ("Evet.\n\nKimden: Ana\nTarih: 3 Mart 2025\nKonu: x", "Evet."),
        // Forwarded-message markers.
        ("Look at this.\n\n---------- Forwarded message ---------\nFrom: X\nDate: Y\n\nold", "Look at this."),
        ("Look.\n\nBegin forwarded message:\n\nFrom: X", "Look."),
        // Signatures.
        ("Thanks\n-- \nAna Petrova\nCity of Example", "Thanks"),
        ("Thanks\n--\nAna", "Thanks"),
        ("Yes\n\nSent from my iPhone\n\n> old", "Yes"),
        ("Да\n\nИзпратено от моя iPhone", "Да"),
        ("Evet\n\niPhone'umdan gönderildi", "Evet"),
        ("Ok\n\nGet Outlook for Android", "Ok"),
        // Bottom posting: the quote comes first.
        ("On Mon, 3 Mar 2025, Ana <ana@example.org> wrote:\n> Shall we meet?\n\nYes, Tuesday.", "Yes, Tuesday."),
        ("> Shall we meet?\nYes, Tuesday.\n> And where?\nAt the library.", "Yes, Tuesday."),
        // Nothing to strip.
        ("  Just a plain message.\nTwo lines.  \n\n", "Just a plain message.\nTwo lines."),
        // CRLF line ends.
        ("Fine.\r\n\r\nOn Mon, Ana <a@example.org> wrote:\r\n> x\r\n", "Fine."),
        // A sentence ending in "wrote:" that is not an attribution stays.
        ("This is what she wrote:\nthe plan is fine.", "This is what she wrote:\nthe plan is fine."),
        ("", ""),
    ])
    func newText(body: String, expected: String) {
        #expect(ReplyText.newText(of: body) == expected)
    }

    @Test func htmlReplyQuotesAreStrippedAfterConversion() {
        let html = "<div>New text</div><div class=\"gmail_quote\"><blockquote>Old text</blockquote></div>"
        #expect(ReplyText.newText(of: HTMLToText.plainText(html)) == "New text")
    }
}
