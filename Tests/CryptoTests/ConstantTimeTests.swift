import Crypto
import Testing

@Suite struct ConstantTimeTests {
    @Test func equalBytes() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(ConstantTime.equals([UInt8](), []))
    }

    @Test func differentBytes() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([0, 2, 3], [1, 2, 3]))
    }

    @Test func differentLengths() {
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
        #expect(!ConstantTime.equals([], [0]))
        #expect(!ConstantTime.equals([0], []))
    }

    @Test func strings() {
        let token = SecureRandom.token()
        #expect(ConstantTime.equals(token, String(token)))
        #expect(!ConstantTime.equals(token, token + "x"))
        #expect(!ConstantTime.equals(token, String(token.dropLast())))
        #expect(!ConstantTime.equals("secret", "Secret"))
        #expect(!ConstantTime.equals("", "a"))
        #expect(ConstantTime.equals("", ""))
        #expect(ConstantTime.equals("ünïcödé", "ünïcödé"))
    }
}
