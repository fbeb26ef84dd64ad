use crate::*;
pub const FINGERPRINT_LIST: &'static [Fingerprint] = &[
/*
serial=52ACBE07114997BB1FBF871B2517BFA4
issuer=C = MO, O = Macao Post, CN = Macao Post eSignTrust Root Certification Authority (G02)
subject=C = MO, O = Macao Post, CN = Macao Post eSignTrust Root Certification Authority (G02)
sha1 Fingerprint=06:14:31:51:E0:2B:45:DD:BA:DD:5D:8E:56:53:0D:AA:E3:28:CF:90
sha256 Fingerprint=6E:A1:DB:67:19:D6:04:1A:06:FC:08:98:E5:B3:CF:34:9A:8F:A8:EC:EE:85:ED:B0:05:96:56:28:F6:17:F7:C8
*/
Fingerprint::SHA256(hex!("6ea1db6719d6041a06fc0898e5b3cf349a8fa8ecee85edb005965628f617f7c8")),


/*
serial=539FFE2E432357C55890BAA33C16980F
issuer=C = AE, O = DarkMatter L.L.C., CN = DarkMatter Root CA G4
subject=C = AE, O = DarkMatter L.L.C., CN = DarkMatter Root CA G4
sha1 Fingerprint=07:48:42:F2:53:31:4F:0E:50:A5:B6:69:3B:29:BE:00:FC:E2:97:92
sha256 Fingerprint=31:9A:7F:79:25:8C:33:99:2B:6B:A2:77:00:5A:D3:EA:18:02:D8:99:A9:9E:42:CD:54:17:50:A4:B4:CC:7C:CD
*/
Fingerprint::SHA256(hex!("319a7f79258c33992b6ba277005ad3ea1802d899a99e42cd541750a4b4cc7ccd")),


/*
serial=06BCADB9E850072B2B283210545F1F1B
issuer=C = US, O = DigiCert Inc, OU = www.digicert.com, CN = DigiCert High Assurance EV Root CA
subject=C = CN, O = WoTrus CA Limited, CN = WoTrus EV SSL Pro CA
sha1 Fingerprint=07:50:D9:E7:68:16:80:0C:C0:2F:D1:F4:E1:C0:58:B5:E5:1A:E3:2A
sha256 Fingerprint=07:05:31:38:3C:CD:10:0D:3E:9C:D9:64:DB:07:AA:5E:84:5A:06:86:F2:EA:E3:BC:8A:62:7B:18:20:57:B1:F1
*/
Fingerprint::SHA256(hex!("070531383ccd100d3e9cd964db07aa5e845a0686f2eae3bc8a627b182057b1f1")),


/*
serial=2DAB67EAC55AC0E4
issuer=C = CN, O = "Global Digital Cybersecurity Authority Co., Ltd.", CN = GDCA ROOT CA1
subject=C = CN, O = "Global Digital Cybersecurity Authority Co., Ltd.", CN = GDCA ROOT CA1
sha1 Fingerprint=0A:8F:00:29:EA:3C:D0:51:A3:01:33:BD:7A:A6:EC:CF:F8:FF:ED:C6
sha256 Fingerprint=83:52:39:A0:9A:B8:76:5A:10:66:98:F4:3E:F1:1B:F8:88:DE:73:53:CF:7C:DB:00:14:16:8D:71:8F:D6:BB:F9
*/
Fingerprint::SHA256(hex!("835239a09ab8765a106698f43ef11bf888de7353cf7cdb0014168d718fd6bbf9")),


/*
serial=08
issuer=C = CN, O = UniTrust, CN = UCA Global Root
subject=C = CN, O = UniTrust, CN = UCA Global Root
sha1 Fingerprint=0B:97:2C:9E:A6:E7:CC:58:D9:3B:20:BF:71:EC:41:2E:72:09:FA:BF
sha256 Fingerprint=A1:F0:5C:CB:80:C2:D7:10:EC:7D:47:9A:BD:CB:B8:79:E5:8D:7E:DB:71:49:FE:78:A8:78:84:E3:D0:BA:D0:F9
*/
Fingerprint::SHA256(hex!("a1f05ccb80c2d710ec7d479abdcbb879e58d7edb7149fe78a87884e3d0bad0f9")),


/*
serial=7D0997FEF047EA7A
issuer=C = CN, O = "GUANG DONG CERTIFICATE AUTHORITY CO.,LTD.", CN = GDCA TrustAUTH R5 ROOT
subject=C = CN, O = "GUANG DONG CERTIFICATE AUTHORITY CO.,LTD.", CN = GDCA TrustAUTH R5 ROOT
sha1 Fingerprint=0F:36:38:5B:81:1A:25:C3:9B:31:4E:83:CA:E9:34:66:70:CC:74:B4
sha256 Fingerprint=BF:FF:8F:D0:44:33:48:7D:6A:8A:A6:0C:1A:29:76:7A:9F:C2:BB:B0:5E:42:0F:71:3A:13:B9:92:89:1D:38:93
*/
Fingerprint::SHA256(hex!("bfff8fd04433487d6a8aa60c1a29767a9fc2bbb05e420f713a13b992891d3893")),


/*
serial=6AE6CCD1A8297FEB
issuer=C = AE, O = DarkMatter LLC, CN = DarkMatter Root CA G3
subject=C = AE, O = DarkMatter LLC, CN = DarkMatter Root CA G3
sha1 Fingerprint=14:FC:C6:30:77:A7:C0:85:F5:E1:C3:74:20:81:25:CA:7A:21:5D:D7
sha256 Fingerprint=E6:87:29:01:3A:50:40:4D:C1:BA:F7:12:7B:3D:3C:98:A8:FF:39:2B:73:5D:0B:11:40:85:8D:5B:91:C3:BE:65
*/
Fingerprint::SHA256(hex!("e68729013a50404dc1baf7127b3d3c98a8ff392b735d0b1140858d5b91c3be65")),


/*
serial=67B9B0973E0D036B3EF1D9F04734FF46F2BD6594
issuer=C = FR, O = Certinomis, OU = 0002 433998903, CN = Certinomis - Root CA
subject=C = ES, O = StartCom CA, OU = StartCom Certification Authority, CN = StartCom EV SSL ICA
sha1 Fingerprint=15:C1:77:64:80:38:2D:EE:FC:86:9C:2D:A7:F5:BA:86:26:B8:A0:29
sha256 Fingerprint=F6:04:4A:7B:14:7C:26:BA:BA:B1:7C:51:89:A0:9B:E7:81:91:9E:95:E2:6F:80:14:D6:A8:B9:88:0A:6B:AB:ED
*/
Fingerprint::SHA256(hex!("f6044a7b147c26babab17c5189a09be781919e95e26f8014d6a8b9880a6babed")),


/*
serial=50706BCDD813FC1B4E3B3372D211488D
issuer=C = CN, O = WoSign CA Limited, CN = CA \E6\B2\83\E9\80\9A\E6\A0\B9\E8\AF\81\E4\B9\A6
subject=C = CN, O = WoSign CA Limited, CN = CA \E6\B2\83\E9\80\9A\E6\A0\B9\E8\AF\81\E4\B9\A6
sha1 Fingerprint=16:32:47:8D:89:F9:21:3A:92:00:85:63:F5:A4:A7:D3:12:40:8A:D6
sha256 Fingerprint=D6:F0:34:BD:94:AA:23:3F:02:97:EC:A4:24:5B:28:39:73:E4:47:AA:59:0F:31:0C:77:F4:8F:DF:83:11:22:54
*/
Fingerprint::SHA256(hex!("d6f034bd94aa233f0297eca4245b283973e447aa590f310c77f48fdf83112254")),


/*
serial=6BDADFEFF0661BD2642AF46ECBB27940
issuer=C = US, ST = UT, L = Salt Lake City, O = The USERTRUST Network, OU = http://www.usertrust.com, CN = UTN-USERFirst-Object
subject=C = CN, O = WoSign CA Limited, CN = Certification Authority of WoSign
sha1 Fingerprint=1C:1E:CD:CC:F7:64:E6:16:81:77:C5:71:1F:33:EC:92:29:A2:9F:88
sha256 Fingerprint=DD:1C:F8:3C:62:CC:D0:E0:B4:5C:E2:F6:AC:77:E7:A6:7B:77:ED:A2:D8:F5:60:2A:D0:F6:23:17:DD:23:4F:D7
*/
Fingerprint::SHA256(hex!("dd1cf83c62ccd0e0b45ce2f6ac77e7a67b77eda2d8f5602ad0f62317dd234fd7")),


/*
serial=9E9CB69426C45CC4306D3E1CC2A79EFC
issuer=C = PL, O = Unizeto Technologies S.A., OU = Certum Certification Authority, CN = Certum Global Services CA SHA2
subject=C = CN, O = "Global Digital Cybersecurity Authority Co., Ltd.", CN = GDCA TrustAUTH R4 DV SSL CA G2
sha1 Fingerprint=1E:31:59:DA:E3:1F:0E:D2:10:50:07:5C:64:E1:10:80:7E:9D:A2:77
sha256 Fingerprint=6C:DF:9D:CB:F3:51:0A:3B:B4:02:76:1D:62:D0:C5:E4:E7:AF:C5:1D:9C:FF:01:F0:2B:D5:32:56:DC:56:7A:DF
*/
Fingerprint::SHA256(hex!("6cdf9dcbf3510a3bb402761d62d0c5e4e7afc51d9cff01f02bd53256dc567adf")),


/*
serial=1E864A1C01B1463F
issuer=C = AE, O = UAE Government, CN = UAE Global Root CA G4
subject=C = AE, O = UAE Government, CN = UAE Global Root CA G4
sha1 Fingerprint=21:A4:A2:79:22:B2:01:E7:CD:45:6D:12:A8:08:53:4B:16:E0:6E:46
sha256 Fingerprint=3E:83:A6:C7:80:B4:C5:B8:75:38:AD:2E:43:A2:03:70:8F:F7:FF:29:BE:DC:7B:20:62:6B:F7:C0:09:19:9C:0A
*/
Fingerprint::SHA256(hex!("3e83a6c780b4c5b87538ad2e43a203708ff7ff29bedc7b20626bf7c009199c0a")),


/*
serial=27
issuer=C = cn, O = yahoo.com, CN = yahoo.com
subject=C = cn, O = yahoo.com, CN = yahoo.com
sha1 Fingerprint=22:90:C3:11:EA:0F:3F:57:E0:6D:F4:5B:69:8E:18:E8:28:E5:9B:C3
sha256 Fingerprint=B7:9F:72:41:C8:29:16:CE:1C:47:92:AA:17:3E:2E:C6:F5:28:C7:93:FA:F3:27:0C:C7:02:69:EF:5C:E5:26:7A
*/
Fingerprint::SHA256(hex!("b79f7241c82916ce1c4792aa173e2ec6f528c793faf3270cc70269ef5ce5267a")),


/*
serial=2ED958829139AD07
issuer=C = CN, O = "Global Digital Cybersecurity Authority Co., Ltd.", CN = \E6\95\B0\E5\AE\89\E6\97\B6\E4\BB\A3 R5 \E6\A0\B9 CA
subject=C = CN, O = "Global Digital Cybersecurity Authority Co., Ltd.", CN = \E6\95\B0\E5\AE\89\E6\97\B6\E4\BB\A3 R5 \E6\A0\B9 CA
sha1 Fingerprint=23:EB:1B:A4:64:71:A1:E7:E9:F2:DB:57:01:FE:F8:F2:F8:0C:AA:E9
sha256 Fingerprint=71:A1:A3:8F:F4:85:13:70:02:DD:5C:D7:80:B3:87:3D:DE:14:67:23:EE:28:08:0E:CF:37:38:C7:C4:FE:B1:AE
*/
Fingerprint::SHA256(hex!("71a1a38ff485137002dd5cd780b3873dde146723ee28080ecf3738c7c4feb1ae")),


/*
serial=03
issuer=C = US, ST = Some-State, O = github.com, OU = github.com, CN = github.com
subject=C = US, ST = Some-State, O = github.com, OU = github.com, CN = github.com
sha1 Fingerprint=27:A2:9C:3A:8B:32:61:77:0E:8B:59:44:85:57:DC:9E:93:39:E6:8C
sha256 Fingerprint=5C:36:AA:25:B1:F1:C6:74:6B:0B:FB:3E:FF:C9:92:F5:5D:D2:22:EE:CB:1C:E1:F1:A6:B2:EF:4B:BA:EF:BA:C2
*/
Fingerprint::SHA256(hex!("5c36aa25b1f1c6746b0bfb3effc992f55dd222eecb1ce1f1a6b2ef4bbaefbac2")),


/*
serial=33
issuer=C = IL, O = StartCom Ltd., OU = Secure Digital Certificate Signing, CN = StartCom Certification Authority
subject=C = CN, O = WoSign eCommerce Services Limited, CN = Certification Authority of WoSign
sha1 Fingerprint=27:D5:BB:E0:43:01:E1:60:48:39:70:8D:17:2C:F0:92:96:ED:90:33
sha256 Fingerprint=A5:7A:C5:89:33:19:C6:3D:8B:60:22:16:EA:EC:F5:27:94:4D:BF:B8:30:B7:14:F1:32:8C:B4:4B:1C:E8:7E:DB
*/
Fingerprint::SHA256(hex!("a57ac5893319c63d8b602216eaecf527944dbfb830b714f1328cb44b1ce87edb")),


/*
serial=5DDFB1DA5AA3ED5DBE5A6520650390EF
issuer=C = CN, O = UniTrust, CN = UCA Global G2 Root
subject=C = CN, O = UniTrust, CN = UCA Global G2 Root
sha1 Fingerprint=28:F9:78:16:19:7A:FF:18:25:18:AA:44:FE:C1:A0:CE:5C:B6:4C:8A
sha256 Fingerprint=9B:EA:11:C9:76:FE:01:47:64:C1:BE:56:A6:F9:14:B5:A5:60:31:7A:BD:99:88:39:33:82:E5:16:1A:A0:49:3C
*/
Fingerprint::SHA256(hex!("9bea11c976fe014764c1be56a6f914b5a560317abd9988393382e5161aa0493c")),


/*
serial=29
issuer=C = cn, O = hotmail.com, CN = hotmai.com
subject=C = cn, O = hotmail.com, CN = hotmai.com
sha1 Fingerprint=30:F3:B3:AD:C6:E5:70:BD:A6:06:B9:F9:6D:E2:41:90:CE:26:2C:67
sha256 Fingerprint=7B:AC:CB:75:4D:A5:BA:45:1F:C5:FA:E5:10:6B:CE:22:34:E3:14:0C:8A:3B:05:9B:36:B0:8C:47:C7:C1:97:2D
*/
Fingerprint::SHA256(hex!("7baccb754da5ba451fc5fae5106bce2234e3140c8a3b059b36b08c47c7c1972d")),


/*
serial=01000022
issuer=O = UnitedCA, CN = UCA ROOT
subject=O = UnitedCA, CN = UCA ROOT
sha1 Fingerprint=31:20:F2:95:41:77:30:07:5F:8C:D4:2D:0C:AE:00:8E:B5:72:6E:F8
sha256 Fingerprint=F5:5A:49:14:7B:9E:89:D8:B6:FD:1B:F1:8F:DB:B7:8D:6A:5D:E8:91:1D:CA:F0:2D:51:8A:96:DD:68:CE:17:81
*/
Fingerprint::SHA256(hex!("f55a49147b9e89d8b6fd1bf18fdbb78d6a5de8911dcaf02d518a96dd68ce1781")),


/*
serial=F0C1FB04DD2C9ED8F94F0820591E72AD
issuer=CN = google.com
subject=CN = google.com
sha1 Fingerprint=31:60:76:F2:86:65:88:DB:B2:33:C7:F9:EB:68:B5:81:25:15:0C:21
sha256 Fingerprint=35:40:64:3E:8A:33:5D:60:1F:C1:35:1C:A3:68:B7:23:2E:57:7D:7C:B0:A3:F7:01:53:D1:45:F4:B0:2A:12:2F
*/
Fingerprint::SHA256(hex!("3540643e8a335d601fc1351ca368b7232e577d7cb0a3f70153d145f4b02a122f")),


/*
serial=3B
issuer=C = IL, O = StartCom Ltd., CN = StartCom Certification Authority G2
subject=C = IL, O = StartCom Ltd., CN = StartCom Certification Authority G2
sha1 Fingerprint=31:F1:FD:68:22:63:20:EE:C6:3B:3F:9D:EA:4A:3E:53:7C:7C:39:17
sha256 Fingerprint=C7:BA:65:67:DE:93:A7:98:AE:1F:AA:79:1E:71:2D:37:8F:AE:1F:93:C4:39:7F:EA:44:1B:B7:CB:E6:FD:59:95
*/
Fingerprint::SHA256(hex!("c7ba6567de93a798ae1faa791e712d378fae1f93c4397fea441bb7cbe6fd5995")),


/*
serial=246B3A549131D5B6885C97581FEAC271
issuer=C = US, ST = UT, L = Salt Lake City, O = The USERTRUST Network, OU = http://www.usertrust.com, CN = UTN-USERFirst-Hardware
subject=C = US, O = "Wotone Communications, Inc.", CN = WoTrust Server Authority
sha1 Fingerprint=33:7D:F9:64:18:F0:8A:93:55:87:05:13:AF:CE:BD:C6:8B:CE:D7:67
sha256 Fingerprint=2C:A1:BF:84:73:64:11:F0:E1:2A:BB:38:72:7B:5F:DE:33:99:F1:ED:C4:3D:79:C4:DF:2A:A9:32:16:C3:3F:1B
*/
Fingerprint::SHA256(hex!("2ca1bf84736411f0e12abb38727b5fde3399f1edc43d79c4df2aa93216c33f1b")),


/*
serial=74C18753F7EEB4EA238D8416B5AC7646
issuer=C = SE, O = AddTrust AB, OU = AddTrust External TTP Network, CN = AddTrust External CA Root
subject=C = TW, O = TAIWAN-CA INC., OU = SSL Security Services, CN = TWCA Secure Certification Authority
sha1 Fingerprint=33:9D:81:1F:EC:67:3E:7F:73:13:07:A3:4C:7C:75:23:AB:BE:7D:FE
sha256 Fingerprint=6E:50:38:70:20:83:BC:85:1E:0F:F0:E0:1B:53:0B:9C:9E:B3:2C:16:45:26:87:E3:81:5A:3E:96:7D:4A:C2:46
*/
Fingerprint::SHA256(hex!("6e5038702083bc851e0ff0e01b530b9c9eb32c16452687e3815a3e967d4ac246")),


/*
serial=199DF87D
issuer=C = CN, O = WoSign eCommerce Services Limited, CN = Certification Authority of WoSign
subject=C = CN, O = WoSign eCommerce Services Limited, CN = Certification Authority of WoSign
sha1 Fingerprint=33:A4:D8:BC:38:60:8E:F5:2E:F0:E2:8A:35:09:1E:92:50:90:7F:B9
sha256 Fingerprint=D2:8F:CA:7B:C0:56:8B:44:0D:D6:EF:5E:1B:C3:D3:F2:1E:8C:F8:94:4D:DF:31:14:F9:27:FE:41:55:DD:89:05
*/
Fingerprint::SHA256(hex!("d28fca7bc0568b440dd6ef5e1bc3d3f21e8cf8944ddf3114f927fe4155dd8905")),


/*
serial=05ED88D8088D11EBDDD623963CBAED42
issuer=C = PL, O = Unizeto Technologies S.A., OU = Certum Certification Authority, CN = Certum Trusted Network CA
subject=C = CN, O = WoTrus CA Limited, CN = WoTrus OV SSL CA
sha1 Fingerprint=34:23:C2:D0:49:6D:3C:FB:BB:1A:39:15:9D:D2:18:55:9D:C1:CD:48
sha256 Fingerprint=F6:BF:88:B2:A8:DC:D4:FE:B4:01:59:84:EC:2F:14:27:C8:01:7D:14:0C:F4:1F:22:EE:68:9E:0D:67:18:01:2F
*/
Fingerprint::SHA256(hex!("f6bf88b2a8dcd4feb4015984ec2f1427c8017d140cf41f22ee689e0d6718012f")),


/*
serial=3C2B3751289814CDEB27F407CC4B8D58
issuer=C = US, ST = UT, L = Salt Lake City, O = The USERTRUST Network, OU = http://www.usertrust.com, CN = UTN-USERFirst-Hardware
subject=C = US, O = "Wotone Communications, Inc.", CN = WoTrust Premium Server Authority
sha1 Fingerprint=38:1C:BC:50:48:AF:D9:A0:2D:3E:58:82:D5:F2:2D:96:2B:1A:5F:72
sha256 Fingerprint=EB:4B:BA:BE:A0:53:D1:8F:59:77:F1:24:C6:67:3A:BC:00:01:BF:47:56:F1:AA:C5:ED:DE:28:F0:32:EA:E7:3D
*/
Fingerprint::SHA256(hex!("eb4bbabea053d18f5977f124c6673abc0001bf4756f1aac5edde28f032eae73d")),


/*
serial=75C95AEE30575EA930F0953610434666
issuer=C = US, ST = UT, L = Salt Lake City, O = The USERTRUST Network, OU = http://www.usertrust.com, CN = UTN-USERFirst-Client Authentication and Email
subject=C = US, O = "Wotone Communications, Inc.", CN = WoTrust Client Authority
sha1 Fingerprint=38:CF:E7:8D:9F:1F:0B:06:37:AF:CA:AA:3D:55:49:D8:7C:0A:A1:D0
sha256 Fingerprint=29:F7:C8:E8:1F:37:F7:78:38:3F:6D:2E:A2:23:03:5C:16:88:B5:99:47:58:8A:71:D0:C1:F4:78:7E:3E:E0:B2
*/
Fingerprint::SHA256(hex!("29f7c8e81f37f778383f6d2ea223035c1688b59947588a71d0c1f4787e3ee0b2")),


/*
serial=627A61B10E7F5F27BE3BEB5E94CF7FF448DEE1C5
issuer=C = BM, O = QuoVadis Limited, CN = QuoVadis Root CA 2 G3
subject=C = AE, O = DarkMatter LLC, CN = DarkMatter Secure CA
sha1 Fingerprint=3A:D0:10:24:7A:8F:1E:99:1F:8D:DE:5D:47:98:9C:B5:20:2E:56:14
sha256 Fingerprint=A2:5A:19:54:68:19:D0:48:00:0E:F9:C6:57:7C:4B:CD:8D:21:55:B1:E4:34:6A:45:99:D6:C8:B7:97:99:D4:A1
*/
Fingerprint::SHA256(hex!("a25a19546819d048000ef9c6577c4bcd8d2155b1e4346a4599d6c8b79799d4a1")),


/*
serial=2DC762B1435E0E743A161FF8359CE570
issuer=C = US, ST = UT, L = Salt Lake City, O = The USERTRUST Network, OU = http://www.usertrust.com, CN = UTN-USERFirst-Hardware
subject=C = US, O = "WoSign, Inc.", CN = WoSign Server Authority
sha1 Fingerprint=3E:14:B8:BD:6C:56:86:57:D8:52:D9:5D:38:72:49:AE:85:7B:4A:39
sha256 Fingerprint=75:C3:02:3A:DB:E2:7D:64:D6:65:DE:14:D7:5B:8C:7A:92:DD:0D:39:A4:C3:B2:E8:AA:F3:79:00:08:E9:7F:5A
*/
Fingerprint::SHA256(hex!("75c3023adbe27d64d665de14d75b8c7a92dd0d39a4c3b2e8aaf3790008e97f5a")),


/*
serial=01
issuer=C = IL, O = StartCom Ltd., OU = Secure Digital Certificate Signing, CN = StartCom Certification Authority
subject=C = IL, O = StartCom Ltd., OU = Secure Digital Certificate Signing, CN = StartCom Certification Authority
sha1 Fingerprint=3E:2B:F7:F2:03:1B:96:F3:8C:E6:C4:D8:A8:5D:3E:2D:58:47:6A:0F
sha256 Fingerprint=C7:66:A9:BE:F2:D4:07:1C:86:3A:31:AA:49:20:E8:13:B2:D1:98:60:8C:B7:B7:CF:E2:11:43:B8:36:DF:09:EA
*/
Fingerprint::SHA256(hex!("c766a9bef2d4071c863a31aa4920e813b2d198608cb7b7cfe21143b836df09ea")),


/*
serial=072744B7
issuer=C = IE, O = Baltimore, OU = CyberTrust, CN = Baltimore CyberTrust Root
subject=C = TW, O = TAIWAN-CA INC., OU = SSL Certification Service Provider, CN = TWCA Secure CA
sha1 Fingerprint=3F:3E:6C:4B:33:80:2A:2F:EA:46:C5:CA:CA:14:77:0A:40:01:88:99
sha256 Fingerprint=4A:A6:25:60:D7:3F:45:25:7D:3F:04:42:A1:28:8A:87:B6:6B:E2:9A:21:B2:24:C9:8B:64:6B:2C:2E:12:7C:B5
*/
Fingerprint::SHA256(hex!("4aa62560d73f45257d3f0442a1288a87b66be29a21b224c98b646b2c2e127cb5")),


/*
serial=349BB144AE5611E99BF4345C7FC9AEFC
issuer=C = PL, O = Unizeto Technologies S.A., OU = Certum Certification Authority, CN = Certum Trusted Network CA
subject=C = CN, O = WoTrus CA Limited, CN = WoTrus DV SSL CA
sha1 Fingerprint=42:45:FA:B0:5F:AE:29:69:58:76:0C:3D:10:EF:55:E4:F2:5C:86:81
sha256 Fingerprint=69:70:E3:96:62:14:17:DC:EE:31:5A:AC:28:BB:5E:A3:16:1F:17:50:20:F7:F4:E9:BA:17:DA:DE:58:DB:B0:8D
*/
Fingerprint::SHA256(hex!("6970e396621417dcee315aac28bb5ea3161f175020f7f4e9ba17dade58dbb08d")),


/*
serial=3C104F09BD9C5EE5321F44C5E99DB304
issuer=C = GB, ST = Greater Manchester, L = Salford, O = COMODO CA Limited, CN = COMODO RSA Certification Authority
subject=C = CN, ST = Guangdong, L = Shenzhen, O = WoTrus CA Limited, OU = Controlled by Sectigo exclusively for WoTrus CA Limited, CN = WoTrus DV Server CA
sha1 Fingerprint=43:34:C8:32:3E:73:5A:DF:CB:02:8B:17:F7:29:13:68:0C:43:DD:15
sha256 Fingerprint=E3:6F:16:5F:F7:73:9C:D9:00:A2:56:27:67:B3:EA:FB:E6:7A:34:C8:3C:3A:82:F4:C2:1D:5F:51:C3:ED:19:1E
*/
Fingerprint::SHA256(hex!("e36f165ff7739cd900a2562767b3eafbe67a34c83c3a82f4c21d5f51c3ed191e")),


/*
serial=1F2360A612020DDDA100A2E02E7BD0B6
issuer=C = US, ST = UT, L = Salt Lake City, O = The USERTRUST Network, OU = http://www.usertrust.com, CN = UTN - DATACorp SGC
subject=C = US, O = "Wotone Communications, Inc.", CN = WoTrust SGC Server Authority
sha1 Fingerprint=46:A7:62:F3:C3:CF:37:32:DE:22:A8:BA:1E:BB:A3:BC:04:8F:9B:8C
sha256 Fingerprint=BB:E5:4D:45:90:E5:FB:50:FC:DF:34:0F:D8:2E:77:C3:2B:C6:67:A3:5E:1F:03:CA:55:B5:62:F7:5C:19:D4:2A
*/
Fingerprint::SHA256(hex!("bbe54d4590e5fb50fcdf340fd82e77c32bc667a35e1f03ca55b562f75c19d42a")),


/*
serial=489F0001
issuer=C = CN, O = China Internet Network Information Center, CN = China Internet Network Information Center EV Certificates Root
subject=C = CN, O = China Internet Network Information Center, CN = China Internet Network Information Center EV Certificates Root
sha1 Fingerprint=4F:99:AA:93:FB:2B:D1:37:26:A1:99:4A:CE:7F:F0:05:F2:93:5D:1E
sha256 Fingerprint=1C:01:C6:F4:DB:B2:FE:FC:22:55:8B:2B:CA:32:56:3F:49:84:4A:CF:C3:2B:7B:E4:B0:FF:59:9F:9E:8C:7A:F7
*/
Fingerprint::SHA256(hex!("1c01c6f4dbb2fefc22558b2bca32563f49844acfc32b7be4b0ff599f9e8c7af7")),


/*
serial=2036943CBEA08B692A296D66244064A2
issuer=C = PL, O = Unizeto Technologies S.A., OU = Certum Certification Authority, CN = Certum Global Services CA SHA2
subject=C = CN, O = "Shenzhen Digital Certificate Authority Center Co., Ltd", CN = SZCA OV SSL CA
sha1 Fingerprint=52:E3:73:05:B7:A6:CF:64:20:CF:CB:4A:D7:96:04:69:D2:02:49:7E
sha256 Fingerprint=CC:0B:25:12:EE:20:28:0C:36:F3:0D:57:08:4A:CB:6B:86:36:D9:4B:48:17:42:E4:24:33:5C:77:67:E7:58:C6
*/
Fingerprint::SHA256(hex!("cc0b2512ee20280c36f30d57084acb6b8636d94b481742e424335c7767e758c6")),


/*
serial=9455DA355E229E22
issuer=C = CN, ST = Shanghai, L = Shanghai, O = "Baidu, inc.", OU = SW, CN = SW CA
subject=C = CN, ST = Beijing, L = Beijing, O = "Baidu, Inc.", OU = SW, CN = *.wacc.baidu.com
sha1 Fingerprint=56:14:22:64:7B:89:BE:22:F2:03:EB:CA:EF:52:B5:00:72:27:51:0A
sha256 Fingerprint=47:7F:FE:1D:76:61:94:91:AD:F2:80:B8:57:77:D1:DE:00:4C:34:E0:3D:2D:66:B1:24:0C:17:FD:A4:A7:6F:26
*/
Fingerprint::SHA256(hex!("477ffe1d76619491adf280b85777d1de004c34e03d2d66b1240c17fda4a76f26")),


/*
serial=130D5E7BD26AED0FC38A0DC0085E15E9
issuer=C = US, ST = UT, L = Salt Lake City, O = The USERTRUST Network, OU = http://www.usertrust.com, CN = UTN - DATACorp SGC
subject=C = CN, O = WoSign CA Limited, CN = Certification Authority of WoSign
sha1 Fingerprint=56:FA:AD:DC:59:6D:CF:78:D5:85:D8:3A:35:BC:04:B6:90:D1:27:36
sha256 Fingerprint=11:E1:A7:6D:16:E4:05:5B:2D:C1:97:A0:54:6A:DE:54:50:9A:7B:B6:12:D8:EB:86:39:97:69:1E:DE:AD:B9:E8
*/
Fingerprint::SHA256(hex!("11e1a76d16e4055b2dc197a0546ade54509a7bb612d8eb863997691edeadb9e8")),


/*
serial=3D957FCA1F8C0FC8692C01994EB55231035B9DF1
issuer=C = KZ, CN = Qaznet Trust Network
subject=C = KZ, CN = Qaznet Trust Network
sha1 Fingerprint=58:11:83:5E:EF:AA:20:28:83:5A:B9:55:DA:68:29:BF:04:3A:75:6D
sha256 Fingerprint=00:30:9C:73:6D:D6:61:DA:6F:1E:B2:41:73:AA:84:99:44:C1:68:A4:3A:15:BF:FD:19:2E:EC:FD:B6:F8:DB:D2
*/
Fingerprint::SHA256(hex!("00309c736dd661da6f1eb24173aa849944c168a43a15bffd192eecfdb6f8dbd2")),
