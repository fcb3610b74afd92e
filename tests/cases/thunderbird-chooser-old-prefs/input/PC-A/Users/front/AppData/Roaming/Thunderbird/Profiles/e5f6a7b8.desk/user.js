// Written by hand years ago, in the style of a defaults file.
pref("mail.server.server2.leave_on_server", true);
