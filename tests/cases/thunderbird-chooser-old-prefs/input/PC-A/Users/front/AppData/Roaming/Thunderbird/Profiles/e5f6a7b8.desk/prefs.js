// Mozilla User Preferences

user_pref("mail.account.account2.identities", "id2");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.accountmanager.accounts", "account2");
user_pref("mail.identity.id2.useremail", "info@example.jp");
user_pref("mail.server.server2.download_on_biff", true);
user_pref("mail.server.server2.hostname", "pop.example.jp");
user_pref("mail.server.server2.port", 995);
user_pref("mail.server.server2.socketType", 3);
user_pref("mail.server.server2.type", "pop3");
user_pref("mail.server.server2.userName", "info@example.jp");
