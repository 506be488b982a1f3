extension Configuration {
    /// `tandem doctor`'s warnings about `email.*` keys that load but cannot work together: credentials without a
    /// server, one credential without the other, mail out with no way in.
    var emailWarnings: [DoctorFinding] {
        var found: [DoctorFinding] = []
        let noServer = emailSMTPURL.isEmpty
        if noServer, !emailSMTPUser.isEmpty || !emailSMTPPassword.isEmpty {
            found.append(.warn(
                "configuration", "SMTP credentials are set but email.smtp_url is empty: no mail is sent",
                fix: "set email.smtp_url, or remove email.smtp_user and email.smtp_password"))
        }
        if emailSMTPUser.isEmpty != emailSMTPPassword.isEmpty {
            let missing = emailSMTPUser.isEmpty ? "email.smtp_user" : "email.smtp_password"
            found.append(.warn(
                "configuration", "\(missing) is empty while the other SMTP credential is set",
                fix: "set both email.smtp_user and email.smtp_password, or neither"))
        }
        if !noServer, emailWebhookSecret.isEmpty, emailMailgunSigningKey.isEmpty {
            found.append(.warn(
                "configuration", "mail goes out but no answer can come in: email.webhook_secret and "
                    + "email.mailgun_signing_key are empty",
                fix: "set email.webhook_secret (POST /hooks/email) or email.mailgun_signing_key"))
        }
        return found
    }
}
