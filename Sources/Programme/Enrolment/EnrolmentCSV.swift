import Foundation

/// One person of an enrolment CSV, validated.
public struct EnrolmentRow: Sendable, Hashable {
    public let line: Int
    public let name: String
    public let role: Role
    public let pair: String?
    public let cohort: String?
    public let matrixID: String?
    public let email: String?
    public let language: String
    public let timeZone: String?
    public let supervisorEmail: String?
    public let guardianConsent: Bool
}

/// A problem with one line of an enrolment CSV.
public struct EnrolmentError: Error, Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let message: String

    public var description: String { "line \(line): \(message)" }
}

/// Every problem of an enrolment file; nothing of it was applied.
public struct EnrolmentFailure: Error, Sendable, CustomStringConvertible {
    public let errors: [EnrolmentError]

    public init(_ errors: [EnrolmentError]) { self.errors = errors.sorted { $0.line < $1.line } }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Reads enrolment CSV files (RFC 4180: header row, commas, double-quoted fields with `""` escapes).
///
/// Columns (header names, any order; unknown columns are an error):
/// `name`, `role` (mentee, mentor, facilitator, finance_coordinator, coordinator, safeguarding_lead),
/// `pair` (required for mentees and mentors: people with the same pair label form a pair), `cohort`,
/// `matrix_id`, `email` (at least one of the two), `language` (en, bg, tr; default en), `time_zone`,
/// `supervisor_email`, `guardian_consent` (yes/no).
public enum EnrolmentCSV {
    public static let columns = [
        "name", "role", "pair", "cohort", "matrix_id", "email", "language", "time_zone", "supervisor_email",
        "guardian_consent",
    ]

    /// Every valid row, or every problem found (nothing is applied from a file with problems).
    public static func parse(_ text: String, languages: Set<String>, roles: Set<Role>) -> Result<[EnrolmentRow], EnrolmentFailure> {
        let records: [(line: Int, fields: [String])]
        do {
            records = try split(text)
        } catch {
            return .failure(EnrolmentFailure([error]))
        }
        guard let header = records.first else { return .failure(EnrolmentFailure([EnrolmentError(line: 1, message: "the file is empty")])) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var errors: [EnrolmentError] = []
        for name in names where !columns.contains(name) {
            errors.append(EnrolmentError(line: header.line, message: "unknown column `\(name)` (known: \(columns.joined(separator: ", ")))"))
        }
        for required in ["name", "role"] where !names.contains(required) {
            errors.append(EnrolmentError(line: header.line, message: "missing column `\(required)`"))
        }
        guard errors.isEmpty else { return .failure(EnrolmentFailure(errors)) }

        var rows: [EnrolmentRow] = []
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            guard record.fields.count == names.count else {
                errors.append(EnrolmentError(
                    line: record.line, message: "expected \(names.count) fields, found \(record.fields.count)"))
                continue
            }
            var values: [String: String] = [:]
            for (name, field) in zip(names, record.fields) {
                let value = field.trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { values[name] = value }
            }
            switch row(values, line: record.line, languages: languages, roles: roles) {
            case .success(let row): rows.append(row)
            case .failure(let error): errors.append(error)
            }
        }
        errors += duplicates(rows)
        return errors.isEmpty ? .success(rows) : .failure(EnrolmentFailure(errors))
    }

    private static func row(_ values: [String: String], line: Int, languages: Set<String>, roles: Set<Role>)
        -> Result<EnrolmentRow, EnrolmentError>
    {
        func fail(_ message: String) -> Result<EnrolmentRow, EnrolmentError> {
            .failure(EnrolmentError(line: line, message: message))
        }
        guard let name = values["name"] else { return fail("`name` is empty") }
        guard let roleName = values["role"], let role = Role(rawValue: roleName.lowercased()) else {
            return fail("`role` must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard roles.contains(role) else { return fail("this programme's template has no \(role.rawValue) role") }
        if role.isPairRole, values["pair"] == nil { return fail("a \(role.rawValue) needs a `pair`") }
        if !role.isPairRole, values["pair"] != nil { return fail("a \(role.rawValue) is not part of a pair") }
        let matrixID = values["matrix_id"]
        let email = values["email"]?.lowercased()
        guard matrixID != nil || email != nil else { return fail("needs a `matrix_id` or an `email`") }
        if let matrixID, !(matrixID.hasPrefix("@") && matrixID.contains(":") && !matrixID.contains(" ")) {
            return fail("`matrix_id` must look like @name:server")
        }
        for (column, address) in [("email", email), ("supervisor_email", values["supervisor_email"])] {
            if let address, !isEmail(address) { return fail("`\(column)` is not an email address") }
        }
        let language = values["language"]?.lowercased() ?? "en"
        guard languages.contains(language) else {
            return fail("`language` must be one of \(languages.sorted().joined(separator: ", "))")
        }
        if let zone = values["time_zone"], TimeZone(identifier: zone) == nil { return fail("unknown time zone `\(zone)`") }
        let consent: Bool
        switch values["guardian_consent"]?.lowercased() {
        case nil, "no", "false", "0", "n": consent = false
        case "yes", "true", "1", "y": consent = true
        case let other?: return fail("`guardian_consent` must be yes or no, not `\(other)`")
        }
        return .success(EnrolmentRow(
            line: line, name: name, role: role, pair: values["pair"], cohort: values["cohort"], matrixID: matrixID,
            email: email, language: language, timeZone: values["time_zone"], supervisorEmail: values["supervisor_email"],
            guardianConsent: consent))
    }

    /// The same address on two lines (for different people) is an error.
    private static func duplicates(_ rows: [EnrolmentRow]) -> [EnrolmentError] {
        var owners: [String: EnrolmentRow] = [:]
        var errors: [EnrolmentError] = []
        for row in rows {
            for address in [row.matrixID, row.email].compactMap({ $0 }) {
                if let first = owners[address], first.name != row.name {
                    errors.append(EnrolmentError(
                        line: row.line, message: "\(address) is already \(first.name)'s (line \(first.line))"))
                }
                owners[address] = owners[address] ?? row
            }
        }
        return errors
    }

    private static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !text.contains(" ")
            && text.allSatisfy { !$0.isNewline && $0 != "<" && $0 != ">" }
    }

    /// Splits CSV text into records of fields, with the line number each record starts on.
    static func split(_ text: String) throws(EnrolmentError) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var characters = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        if characters.first == "\u{FEFF}" { characters.removeFirst() }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
            } else {
                switch character {
                case "\"" where field.isEmpty: quoted = true
                case ",":
                    fields.append(field)
                    field = ""
                case "\n":
                    fields.append(field)
                    records.append((recordLine, fields))
                    fields = []
                    field = ""
                    line += 1
                    recordLine = line
                default: field.append(character)
                }
            }
            index += 1
        }
        if quoted { throw EnrolmentError(line: recordLine, message: "a quoted field is never closed") }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append((recordLine, fields))
        }
        return records
    }
}
