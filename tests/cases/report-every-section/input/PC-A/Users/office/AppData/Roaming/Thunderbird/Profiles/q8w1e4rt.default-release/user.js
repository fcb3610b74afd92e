// office setting: keep copies 30 days
user_pref("mail.server.server2.num_days_to_leave_on_server", 30);
