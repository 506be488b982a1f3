import Crypto
import Testing

/// HKDF-SHA256 against RFC 5869 appendix A.
@Suite struct HKDFTests {
    @Test func rfc5869Case1() throws {
        let okm = try HKDF.sha256(
            inputKeyMaterial: [UInt8](repeating: 0x0B, count: 22), salt: Hex.decode("000102030405060708090a0b0c")!,
            info: Hex.decode("f0f1f2f3f4f5f6f7f8f9")!, outputByteCount: 42)
        #expect(
            Hex.encode(okm)
                == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    }

    @Test func rfc5869Case3EmptySaltAndInfo() throws {
        let okm = try HKDF.sha256(inputKeyMaterial: [UInt8](repeating: 0x0B, count: 22), outputByteCount: 42)
        #expect(
            Hex.encode(okm)
                == "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8")
    }

    @Test func invalidParameters() {
        #expect(throws: CryptoError.self) { try HKDF.sha256(inputKeyMaterial: [], outputByteCount: 32) }
        #expect(throws: CryptoError.self) { try HKDF.sha256(inputKeyMaterial: [1], outputByteCount: 0) }
        #expect(throws: CryptoError.self) {
            try HKDF.sha256(inputKeyMaterial: [1], outputByteCount: HKDF.maxOutputByteCount + 1)
        }
    }
}
