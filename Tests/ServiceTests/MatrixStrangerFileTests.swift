import Channels
import Foundation
import Service
import Store
import Synchronization
import Testing

/// A file sent by someone Tandem does not know is never downloaded (a stranger could otherwise make the service
/// fetch whatever they like); a participant's is, once.
struct MatrixStrangerFileTests {
    /// The files the ingest asked to download.
    final class Downloads: Sendable {
        let urls = Mutex<[String]>([])
    }

    let fixture: MatrixFixture
    let downloads = Downloads()
    let ingest: MatrixIngest

    init() throws {
        fixture = try MatrixFixture()
        try fixture.directChat("@alice:localhost", room: "!alice")
        try fixture.directChat("@mallory:evil.example", room: "!mallory")
        let downloads = self.downloads
        ingest = MatrixIngest(pipeline: fixture.pipeline, botUserID: MatrixFixture.bot, fetchMedia: { media in
            downloads.urls.withLock { $0.append(media.url) }
            return MatrixIngest.FetchedMedia(bytes: Array("%PDF-1.4".utf8), sha256: String(repeating: "a", count: 64),
                                             mediaType: "application/pdf")
        })
    }

    static func file(id: String, from sender: String, in room: String, url: String) -> MatrixEvent {
        MatrixFixture.event(#"{"type":"m.room.message","event_id":"\#(id)","sender":"\#(sender)","room_id":"\#(room)","#
            + #""content":{"msgtype":"m.file","body":"receipt.pdf","url":"\#(url)","#
            + #""info":{"mimetype":"application/pdf","size":8}}}"#)
    }

    func attachments() throws -> Int {
        try fixture.database.read { try $0.query("SELECT COUNT(*) AS n FROM attachments").first?.int("n") ?? -1 }
    }

    @Test func aStrangersFileIsNeitherFetchedNorKept() throws {
        let file = Self.file(id: "$s1", from: "@mallory:evil.example", in: "!mallory", url: "mxc://evil.example/big")
        _ = try ingest.ingest(txnID: "t1", events: [file])
        #expect(downloads.urls.withLock { $0 }.isEmpty)
        #expect(try attachments() == 0)
    }

    @Test func aParticipantsFileIsFetchedOnceAndKept() throws {
        let event = Self.file(id: "$a1", from: "@alice:localhost", in: "!alice", url: "mxc://localhost/receipt")
        _ = try ingest.ingest(txnID: "t1", events: [event])
        _ = try ingest.ingest(txnID: "t2", events: [event])  // the same event again, under another txnId
        #expect(downloads.urls.withLock { $0 } == ["mxc://localhost/receipt"])
        #expect(try attachments() == 1)
    }
}
