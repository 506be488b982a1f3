import Crypto
import Testing

@Suite struct SealedBoxTests {
    let key = SecureRandom.bytes(SealedBox.keyByteCount)
    let plaintext = Array("NL91 ABNA 0417 1643 00".utf8)
    let associatedData = Array("participant:42/bank".utf8)

    @Test func roundTrip() throws {
        let sealed = try SealedBox.seal(plaintext, key: key, associatedData: associatedData)
        #expect(sealed.count == plaintext.count + SealedBox.overheadByteCount)
        #expect(sealed.first == SealedBox.version)
        #expect(try SealedBox.open(sealed, key: key, associatedData: associatedData) == plaintext)
    }

    @Test func roundTripEmptyPlaintextAndNoAssociatedData() throws {
        let sealed = try SealedBox.seal([], key: key)
        #expect(sealed.count == SealedBox.overheadByteCount)
        #expect(try SealedBox.open(sealed, key: key) == [])
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open(sealed, key: key, associatedData: [1]) }
    }

    @Test func roundTripLarge() throws {
        let large = SecureRandom.bytes(100_000)
        #expect(try SealedBox.open(SealedBox.seal(large, key: key), key: key) == large)
    }

    @Test func wrongKeyFails() throws {
        let sealed = try SealedBox.seal(plaintext, key: key, associatedData: associatedData)
        let otherKey = SecureRandom.bytes(SealedBox.keyByteCount)
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(sealed, key: otherKey, associatedData: associatedData)
        }
    }

    @Test func flippedByteFails() throws {
        let sealed = try SealedBox.seal(plaintext, key: key, associatedData: associatedData)
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x01
            #expect(throws: CryptoError.self) { try SealedBox.open(tampered, key: key, associatedData: associatedData) }
        }
        var ciphertextFlip = sealed
        ciphertextFlip[1 + SealedBox.nonceByteCount] ^= 0x80
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(ciphertextFlip, key: key, associatedData: associatedData)
        }
        var versionFlip = sealed
        versionFlip[0] = 2
        #expect(throws: CryptoError.unsupportedVersion(2)) {
            try SealedBox.open(versionFlip, key: key, associatedData: associatedData)
        }
    }

    @Test func truncatedFails() throws {
        let sealed = try SealedBox.seal(plaintext, key: key, associatedData: associatedData)
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(Array(sealed.dropLast()), key: key, associatedData: associatedData)
        }
        #expect(throws: CryptoError.malformedSealedBox) {
            try SealedBox.open(Array(sealed.prefix(SealedBox.overheadByteCount - 1)), key: key)
        }
    }

    @Test func wrongAssociatedDataFails() throws {
        let sealed = try SealedBox.seal(plaintext, key: key, associatedData: associatedData)
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(sealed, key: key, associatedData: Array("participant:43/bank".utf8))
        }
        #expect(throws: CryptoError.authenticationFailed) { try SealedBox.open(sealed, key: key) }
    }

    @Test func sealsOfSamePlaintextDiffer() throws {
        let first = try SealedBox.seal(plaintext, key: key, associatedData: associatedData)
        let second = try SealedBox.seal(plaintext, key: key, associatedData: associatedData)
        #expect(first != second)
        #expect(first[1...SealedBox.nonceByteCount] != second[1...SealedBox.nonceByteCount])
    }

    @Test func wrongKeyLengthRejected() {
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 16)) {
            try SealedBox.seal(plaintext, key: [UInt8](repeating: 1, count: 16))
        }
        #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 0)) {
            try SealedBox.open([UInt8](repeating: 1, count: 40), key: [])
        }
    }

    @Test func derivedKeys() throws {
        let secret = SecureRandom.token()
        let bank = try SealedBox.deriveKey(fromSecret: secret, purpose: "bank-details")
        #expect(bank.count == SealedBox.keyByteCount)
        #expect(try SealedBox.deriveKey(fromSecret: secret, purpose: "bank-details") == bank)
        #expect(try SealedBox.deriveKey(fromSecret: secret, purpose: "other") != bank)
        #expect(try SealedBox.deriveKey(fromSecret: SecureRandom.token(), purpose: "bank-details") != bank)
        let sealed = try SealedBox.seal(plaintext, key: bank)
        #expect(try SealedBox.open(sealed, key: SealedBox.deriveKey(fromSecret: secret, purpose: "bank-details"))
            == plaintext)
        #expect(throws: CryptoError.secretTooShort(minimumBytes: 32)) {
            try SealedBox.deriveKey(fromSecret: "short", purpose: "bank-details")
        }
        #expect(throws: CryptoError.self) { try SealedBox.deriveKey(fromSecret: secret, purpose: "") }
    }

    @Test func errorDescriptionsCarryNoSecrets() {
        #expect(CryptoError.authenticationFailed.description.contains("authentication failed"))
    }
}
