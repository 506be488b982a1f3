import Channels
import Testing

/// Mail a machine sent must never be answered: every mark auto-responders, list servers and bounce daemons use.
struct AutoReplyDetectionTests {
    static func message(_ headers: [String], subject: String = "Re: Our meeting") throws -> MIMEMessage {
        let lines = ["From: Ana <ana@example.org>", "To: tandem@example.org", "Subject: \(subject)",
                     "Message-ID: <a@x>"] + headers + ["", "I am away until Monday."]
        return try MIMEParser.parse(Array(lines.joined(separator: "\r\n").utf8))
    }

    @Test(arguments: [
        "Auto-Submitted: auto-replied", "Precedence: auto_reply", "Precedence: bulk", "X-Auto-Response-Suppress: All",
        "X-Auto-Response-Suppress: OOF, AutoReply", "X-Mailing-List: <staff@lists.example.org>",
        "List-Unsubscribe: <mailto:leave@lists.example.org>", "Sender: staff-owner@lists.example.org",
        "Sender: owner-staff@lists.example.org", "Sender: staff-bounces@lists.example.org", "X-Autoreply: yes",
    ])
    func aMachineMarkInTheHeadersIsRecognised(header: String) throws {
        #expect(try Self.message([header]).isAutomated)
    }

    @Test(arguments: [
        "Automatic reply: Our meeting", "Out of Office: Our meeting", "AutoReply: away", "[Out of the office] Re: x",
        "Автоматичен отговор: Срещата", "Извън офиса: Срещата", "Otomatik yanıt: Toplantı", "Ofis Dışında: Toplantı",
        "Automatische Antwort: Treffen", "Abwesenheitsnotiz: Treffen", "Réponse automatique : réunion",
        "Respuesta automática: reunión", "Автоматический ответ: встреча",
    ])
    func anAutoReplySubjectIsRecognised(subject: String) throws {
        #expect(try Self.message([], subject: subject).isAutomated)
    }

    @Test(arguments: [
        "X-Auto-Response-Suppress: None", "Sender: ana@example.org", "Precedence: first-class", "Auto-Submitted: no",
    ])
    func aPersonsMailIsNotTakenForAMachines(header: String) throws {
        #expect(try !Self.message([header]).isAutomated)
    }

    @Test(arguments: ["Re: Our meeting", "Out of ideas for the agenda", "Automatically logged sessions?"])
    func aPersonsSubjectIsNotTakenForAnAutoReply(subject: String) throws {
        #expect(try !Self.message([], subject: subject).isAutomated)
    }

    @Test(arguments: ["noreply@example.org", "no-reply@example.org", "MAILER-DAEMON@example.org"])
    func aMachineSenderIsRecognised(address: String) throws {
        let message = try MIMEParser.parse(Array("From: \(address)\r\nSubject: x\r\n\r\nbody".utf8))
        #expect(message.isAutomated)
    }
}
