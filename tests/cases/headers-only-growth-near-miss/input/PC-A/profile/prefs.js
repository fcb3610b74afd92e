// Mozilla User Preferences

user_pref("mail.account.account2.identities", "id2");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.identity.id2.useremail", "info@example.jp");
user_pref("mail.server.server2.type", "imap");
user_pref("mail.server.server2.hostname", "imap.example.jp");
user_pref("mail.server.server2.userName", "info@example.jp");
user_pref("mail.server.server2.port", 993);
user_pref("mail.server.server2.socketType", 3);
user_pref("mail.server.server2.headers_only", true);
user_pref("mail.accountmanager.accounts", "account2");
