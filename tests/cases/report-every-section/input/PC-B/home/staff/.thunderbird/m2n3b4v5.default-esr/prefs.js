// Mozilla User Preferences
user_pref("mail.account.account3.identities", "id2");
user_pref("mail.account.account3.server", "server3");
user_pref("mail.accountmanager.accounts", "account3");
user_pref("mail.identity.id2.useremail", "info@example.jp");
user_pref("mail.server.default.check_time", "5");
user_pref("mail.server.server3.check_time", 5);
user_pref("mail.server.server3.download_on_biff", true);
user_pref("mail.server.server3.hostname", "pop.example.jp");
user_pref("mail.server.server3.leave_on_server", "true");
user_pref("mail.server.server3.socketType", 2);
user_pref("mail.server.server3.type", "pop3");
user_pref("mail.server.server3.userName", "info@example.jp");
