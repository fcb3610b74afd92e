// Mozilla User Preferences

user_pref("mail.account.account2.identities", "id2");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.identity.id2.useremail", "info@example.jp");
user_pref("mail.server.server2.type", "pop3");
user_pref("mail.server.server2.hostname", "pop.example.jp");
user_pref("mail.server.server2.userName", "info");
user_pref("mail.server.server2.port", 110);
user_pref("mail.server.server2.socketType", 0);
user_pref("mail.server.server2.leave_on_server", true);
user_pref("mail.accountmanager.accounts", "account2");
user_pref("mail.smtpservers", "smtp1");
user_pref("mail.smtpserver.smtp1.hostname", "smtp.example.jp");
user_pref("mail.smtpserver.smtp1.port", 25);
user_pref("mail.smtpserver.smtp1.try_ssl", 0);
user_pref("mail.smtpserver.smtp1.authMethod", 1);
