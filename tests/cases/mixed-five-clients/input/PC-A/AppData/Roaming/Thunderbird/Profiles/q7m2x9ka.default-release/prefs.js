// Mozilla User Preferences

user_pref("mail.account.account1.server", "server1");
user_pref("mail.account.account2.identities", "id1");
user_pref("mail.account.account2.server", "server2");
user_pref("mail.accountmanager.accounts", "account2,account1");
user_pref("mail.accountmanager.defaultaccount", "account2");
user_pref("mail.accountmanager.localfoldersserver", "server1");
user_pref("mail.identity.id1.fullName", "株式会社サンプル 受付");
user_pref("mail.identity.id1.useremail", "info@example.co.jp");
user_pref("mail.server.server1.hostname", "Local Folders");
user_pref("mail.server.server1.type", "none");
user_pref("mail.server.server1.userName", "nobody");
user_pref("mail.server.server2.check_new_mail", true);
user_pref("mail.server.server2.delete_by_age_from_server", true);
user_pref("mail.server.server2.download_on_biff", true);
user_pref("mail.server.server2.hostname", "pop.example.co.jp");
user_pref("mail.server.server2.leave_on_server", true);
user_pref("mail.server.server2.login_at_startup", true);
user_pref("mail.server.server2.name", "info@example.co.jp");
user_pref("mail.server.server2.num_days_to_leave_on_server", 14);
user_pref("mail.server.server2.port", 995);
user_pref("mail.server.server2.socketType", 3);
user_pref("mail.server.server2.type", "pop3");
user_pref("mail.server.server2.userName", "info@example.co.jp");
