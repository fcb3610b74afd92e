// Mozilla User Preferences

user_pref("mail.account.account1.identities", "id1");
user_pref("mail.account.account1.server", "server1");
user_pref("mail.accountmanager.accounts", "account1");
user_pref("mail.identity.id1.useremail", "info@example.jp");
user_pref("mail.server.server1.delete_by_age_from_server", true);
user_pref("mail.server.server1.download_on_biff", true);
user_pref("mail.server.server1.hostname", "pop.example.jp");
user_pref("mail.server.server1.leave_on_server", true);
user_pref("mail.server.server1.num_days_to_leave_on_server", 14);
user_pref("mail.server.server1.port", 995);
user_pref("mail.server.server1.socketType", 3);
user_pref("mail.server.server1.type", "pop3");
user_pref("mail.server.server1.userName", "info@example.jp");
