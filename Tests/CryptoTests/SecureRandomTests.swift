import Crypto
import Testing

@Suite struct SecureRandomTests {
    @Test func byteCounts() {
        #expect(SecureRandom.bytes(0) == [])
        #expect(SecureRandom.bytes(1).count == 1)
        #expect(SecureRandom.bytes(64).count == 64)
    }

    @Test func bytesDiffer() {
        #expect(SecureRandom.bytes(32) != SecureRandom.bytes(32))
    }

    @Test(arguments: [(1, 2), (2, 3), (3, 4), (16, 22), (24, 32), (32, 43), (48, 64)])
    func tokenLength(bytes: Int, characters: Int) {
        #expect(SecureRandom.token(bytes: bytes).count == characters)
    }

    @Test func tokensAreURLSafeAndDiffer() {
        let tokens = (0..<100).map { _ in SecureRandom.token() }
        #expect(Set(tokens).count == tokens.count)
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for token in tokens {
            #expect(token.count == 43)
            #expect(token.allSatisfy { allowed.contains($0) })
        }
    }
}
