<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
    <context>
        <name>AdminWindow</name>
        <message>
            <location filename="../../app/ui/admin/window.py" line="69" />
            <source>Administration</source>
            <translation>الإدارة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/window.py" line="70" />
            <source>Users</source>
            <translation>المستخدمون</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/window.py" line="70" />
            <source>Institution</source>
            <translation>المؤسسة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/window.py" line="71" />
            <source>Form versions</source>
            <translation>إصدارات النماذج</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/window.py" line="71" />
            <source>Audit log</source>
            <translation>سجل التدقيق</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/window.py" line="74" />
            <source>Areas of administration</source>
            <translation>أقسام الإدارة</translation>
        </message>
    </context>
    <context>
        <name>ArchiveModel</name>
        <message>
            <location filename="../../app/ui/archive/search.py" line="49" />
            <source>Signed</source>
            <translation>موقَّع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="49" />
            <source>Patient</source>
            <translation>المريض</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="49" />
            <source>MRN</source>
            <translation>رقم الملف</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="50" />
            <source>National ID</source>
            <translation>رقم الهوية</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="50" />
            <source>Procedure</source>
            <translation>الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="50" />
            <source>Record</source>
            <translation>السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="51" />
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="51" />
            <source>Record number</source>
            <translation>رقم السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="66" />
            <source>training</source>
            <translation>تدريبي</translation>
        </message>
    </context>
    <context>
        <name>ArchiveWindow</name>
        <message>
            <location filename="../../app/ui/archive/window.py" line="137" />
            <source>Consent archive</source>
            <translation>أرشيف الموافقات</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="138" />
            <source>&amp;Print…</source>
            <translation>طباعة…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="138" />
            <source>Print the chosen records or a range of days</source>
            <translation>طباعة السجلات المختارة أو سجلات فترة من الأيام</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="139" />
            <source>E&amp;xport…</source>
            <translation>تصدير…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="139" />
            <source>Export a range of days to one PDF</source>
            <translation>تصدير سجلات فترة من الأيام إلى ملف PDF واحد</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="140" />
            <source>&amp;Verify chosen</source>
            <translation>تحقق من المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="140" />
            <source>Verify the chosen records</source>
            <translation>التحقق من سلامة السجلات المختارة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="141" />
            <source>Verify &amp;all…</source>
            <translation>تحقق من الكل…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="141" />
            <source>Verify every record of the archive</source>
            <translation>التحقق من سلامة كل سجلات الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="142" />
            <source>&amp;Withdrawal…</source>
            <translation>عدول عن الموافقة…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="142" />
            <source>Record the patient's withdrawal of consent</source>
            <translation>توثيق عدول المريض عن موافقته</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="143" />
            <source>C&amp;orrect…</source>
            <translation>تصحيح…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="143" />
            <source>Correct a wrong detail of the record</source>
            <translation>تصحيح معلومة خاطئة في السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="150" />
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="151" />
            <source>Close the archive</source>
            <translation>إغلاق الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="152" />
            <source>Records found</source>
            <translation>السجلات التي عُثر عليها</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="202" />
            <source>Search by any word of a name, an MRN or a national ID, or by days, procedure and status.</source>
            <translation>ابحث بأي كلمة من الاسم أو برقم الملف أو برقم الهوية، أو بالأيام والإجراء والحالة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="205" />
            <source>The first %1 records are shown; narrow the search to see the rest.</source>
            <translation>تُعرض أول %1 سجلات؛ ضيّق البحث لرؤية البقية.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="300" />
            <source>The withdrawal was sealed as record %1.</source>
            <translation>خُتم العدول عن الموافقة في السجل %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="308" />
            <source>The correction was sealed as record %1.</source>
            <translation>خُتم التصحيح في السجل %1.</translation>
        </message>
        <message numerus="yes">
            <source>%n record(s) found.</source>
            <translation>
                <numerusform>لم يُعثر على أي سجل.</numerusform>
                <numerusform>عُثر على سجل واحد.</numerusform>
                <numerusform>عُثر على سجلين.</numerusform>
                <numerusform>عُثر على %n سجلات.</numerusform>
                <numerusform>عُثر على %n سجلاً.</numerusform>
                <numerusform>عُثر على %n سجل.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ArchiveWords</name>
        <message>
            <source>PIN or passphrase forgotten on this computer</source>
            <translation>نسيان الرقم السري أو عبارة المرور على هذا الحاسوب</translation>
        </message>
        <message>
            <source>Accounts recorded as they stand</source>
            <translation>تسجيل الحسابات كما هي</translation>
        </message>
        <message>
            <source>Password changed</source>
            <translation>تغيير كلمة المرور</translation>
        </message>
        <message>
            <source>Password storage renewed</source>
            <translation>تجديد طريقة حفظ كلمة المرور</translation>
        </message>
        <message>
            <source>Account changed outside the program: resolved</source>
            <translation>معالجة حساب غُيِّر خارج البرنامج</translation>
        </message>
        <message>
            <source>Account unlocked</source>
            <translation>فتح حساب مقفل</translation>
        </message>
        <message>
            <source>First setup completed</source>
            <translation>اكتمال الإعداد الأول</translation>
        </message>
        <message>
            <source>Seal unlocked</source>
            <translation>فتح الختم</translation>
        </message>
        <message>
            <source>Sealing refused</source>
            <translation>رفض الختم</translation>
        </message>
        <message>
            <source>Seal PIN or passphrase refused</source>
            <translation>رُفض رمز الختم أو عبارة مروره</translation>
        </message>
        <message>
            <source>Backup made</source>
            <translation>إنشاء نسخة احتياطية</translation>
        </message>
        <message>
            <source>Backup restored</source>
            <translation>استعادة نسخة احتياطية</translation>
        </message>
        <message>
            <source>Checkpoint signed</source>
            <translation>توقيع نقطة تحقق</translation>
        </message>
        <message>
            <source>Proof given</source>
            <translation>تقديم إثبات</translation>
        </message>
        <message>
            <source>Protection reinstalled</source>
            <translation>إعادة تثبيت الحماية</translation>
        </message>
        <message>
            <source>Settings viewed</source>
            <translation>عرض الإعدادات</translation>
        </message>
        <message>
            <source>Connection tested</source>
            <translation>اختبار الاتصال</translation>
        </message>
        <message>
            <source>Timestamp added</source>
            <translation>إضافة ختم زمني</translation>
        </message>
        <message>
            <source>Copy given to the patient</source>
            <translation>تسليم نسخة للمريض</translation>
        </message>
        <message>
            <source>Patient declined a copy</source>
            <translation>رفض المريض أخذ نسخة</translation>
        </message>
        <message>
            <source>Patients searched</source>
            <translation>بحث عن مرضى</translation>
        </message>
        <message>
            <source>Consent started</source>
            <translation>بدء الموافقة</translation>
        </message>
        <message>
            <source>Consent begun (details being typed)</source>
            <translation>بدء الموافقة (أثناء إدخال البيانات)</translation>
        </message>
        <message>
            <source>Consent discarded</source>
            <translation>إلغاء الموافقة</translation>
        </message>
        <message>
            <source>Consent details corrected</source>
            <translation>تصحيح بيانات الموافقة</translation>
        </message>
        <message>
            <source>Pre-procedure check started</source>
            <translation>بدء التحقق قبل الإجراء</translation>
        </message>
        <message>
            <source>Pre-procedure check</source>
            <translation>التحقق قبل الإجراء</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>السجل</translation>
        </message>
        <message>
            <source>Sign-in</source>
            <translation>تسجيل الدخول</translation>
        </message>
        <message>
            <source>Command-line sign-in</source>
            <translation>الدخول من سطر الأوامر</translation>
        </message>
        <message>
            <source>Password to sign</source>
            <translation>كلمة المرور للتوقيع</translation>
        </message>
        <message>
            <source>Physician's override</source>
            <translation>تجاوز الطبيب</translation>
        </message>
        <message>
            <source>Hand-over to the physician</source>
            <translation>التسليم إلى الطبيب</translation>
        </message>
        <message>
            <source>Physician's checklist item</source>
            <translation>بند الطبيب في القائمة</translation>
        </message>
        <message>
            <source>Leaving the patient screen</source>
            <translation>مغادرة شاشة المريض</translation>
        </message>
        <message>
            <source>Screen unlocked</source>
            <translation>فتح قفل الشاشة</translation>
        </message>
        <message>
            <source>Password to export</source>
            <translation>كلمة المرور للتصدير</translation>
        </message>
        <message>
            <source>Password to print</source>
            <translation>كلمة المرور للطباعة</translation>
        </message>
        <message>
            <source>Password to correct</source>
            <translation>كلمة المرور للتصحيح</translation>
        </message>
        <message>
            <source>Password to approve a form</source>
            <translation>كلمة المرور لاعتماد نموذج</translation>
        </message>
        <message>
            <source>Witness of a correction</source>
            <translation>شاهد على تصحيح</translation>
        </message>
        <message>
            <source>Witness of a withdrawal</source>
            <translation>شاهد على سحب الموافقة</translation>
        </message>
        <message>
            <source>accepted</source>
            <translation>مقبول</translation>
        </message>
        <message>
            <source>refused</source>
            <translation>مرفوض</translation>
        </message>
        <message>
            <source>identity confirmed</source>
            <translation>تأكيد الهوية</translation>
        </message>
        <message>
            <source>section understood</source>
            <translation>فهم قسم</translation>
        </message>
        <message>
            <source>item answered</source>
            <translation>إجابة بند</translation>
        </message>
        <message>
            <source>checklist answered</source>
            <translation>إجابة القائمة</translation>
        </message>
        <message>
            <source>patient's choice</source>
            <translation>اختيار المريض</translation>
        </message>
        <message>
            <source>interpreter</source>
            <translation>مترجم</translation>
        </message>
        <message>
            <source>decision</source>
            <translation>القرار</translation>
        </message>
        <message>
            <source>overridden by a physician</source>
            <translation>تجاوز من الطبيب</translation>
        </message>
        <message>
            <source>question</source>
            <translation>سؤال</translation>
        </message>
        <message>
            <source>consent reconfirmed</source>
            <translation>إعادة تأكيد الموافقة</translation>
        </message>
        <message>
            <source>signed</source>
            <translation>توقيع</translation>
        </message>
        <message>
            <source>said back in own words</source>
            <translation>إعادة الشرح بكلمات المريض</translation>
        </message>
        <message>
            <source>The seal's certificate does not chain to the trust file.</source>
            <translation>شهادة الختم لا ترتبط بملف الثقة.</translation>
        </message>
        <message>
            <source>The seal is not formed the way the program writes it.</source>
            <translation>الختم ليس بالشكل الذي يكتبه البرنامج.</translation>
        </message>
        <message>
            <source>No trust file is installed: the seal cannot be checked.</source>
            <translation>لم يُثبَّت ملف الثقة: لا يمكن التحقق من الختم.</translation>
        </message>
        <message>
            <source>This is the demonstration seal: it proves nothing about a patient.</source>
            <translation>هذا هو الختم التجريبي: لا يثبت شيئاً عن أي مريض.</translation>
        </message>
        <message>
            <source>The seal's certificate was not valid at the proven time.</source>
            <translation>لم تكن شهادة الختم صالحة في الوقت المُثبَت.</translation>
        </message>
        <message>
            <source>The seal's certificate was revoked.</source>
            <translation>أُلغيت شهادة الختم.</translation>
        </message>
        <message>
            <source>A timestamp is not from a trusted timestamp server.</source>
            <translation>أحد الأختام الزمنية ليس من خادم ختم زمني موثوق.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="22" />
            <source>Signed</source>
            <translation>موقَّع</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="23" />
            <source>Refused</source>
            <translation>مرفوض</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="24" />
            <location filename="../../app/ui/common/words.py" line="78" />
            <source>Withdrawn</source>
            <translation>معدول عنه</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="25" />
            <source>Superseded</source>
            <translation>مُستبدل بتصحيح</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="26" />
            <source>Signed and verified</source>
            <translation>موقَّع وتم التحقق قبل الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="27" />
            <source>Expired</source>
            <translation>منتهي الصلاحية</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="28" />
            <location filename="../../app/ui/common/words.py" line="34" />
            <source>Withdrawal</source>
            <translation>عدول عن الموافقة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="29" />
            <source>Verification</source>
            <translation>تحقق قبل الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="32" />
            <source>Consent</source>
            <translation>موافقة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="33" />
            <source>Refusal</source>
            <translation>رفض</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="35" />
            <source>Correction</source>
            <translation>تصحيح</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="36" />
            <source>Pre-procedure verification</source>
            <translation>التحقق قبل الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="39" />
            <source>Vertebroplasty</source>
            <translation>رأب الفقرات</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="40" />
            <source>Kyphoplasty</source>
            <translation>رأب الحدبة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="43" />
            <source>This record refers to it</source>
            <translation>يشير إليه هذا السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="44" />
            <source>Refers to this record</source>
            <translation>يشير إلى هذا السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="47" />
            <source>Nurse</source>
            <translation>ممرض/ممرضة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="48" />
            <source>Physician</source>
            <translation>طبيب</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="49" />
            <source>Administrator</source>
            <translation>مسؤول النظام</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="52" />
            <source>Approved</source>
            <translation>معتمد</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="53" />
            <source>Not approved</source>
            <translation>غير معتمد</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="54" />
            <source>Retired</source>
            <translation>موقوف</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="57" />
            <source>The seal is intact and trusted; the record matches.</source>
            <translation>الختم سليم وموثوق، والسجل مطابق.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="58" />
            <source>The PDF carries no institution seal.</source>
            <translation>لا يحمل ملف PDF ختم المؤسسة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="59" />
            <source>The PDF carries more than one signature.</source>
            <translation>يحمل ملف PDF أكثر من توقيع واحد.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="60" />
            <source>The seal does not match: the document was altered.</source>
            <translation>الختم غير مطابق: عُدّل المستند.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="61" />
            <source>The seal was not made with the institution's certificate.</source>
            <translation>لم يُصنع الختم بشهادة المؤسسة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="62" />
            <source>The file was changed after it was sealed.</source>
            <translation>عُدّل الملف بعد ختمه.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="63" />
            <source>The sealed PDF does not contain its record.</source>
            <translation>لا يحتوي ملف PDF المختوم على سجله.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="64" />
            <source>The sealed PDF contains more than one record.</source>
            <translation>يحتوي ملف PDF المختوم على أكثر من سجل.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="65" />
            <source>The attached record cannot be read.</source>
            <translation>تعذرت قراءة السجل المرفق.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="66" />
            <source>The sealed PDF lacks its record number or hash.</source>
            <translation>ينقص ملفَّ PDF المختوم رقمُ السجل أو بصمته.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="67" />
            <source>The attached record does not match its sealed hash.</source>
            <translation>السجل المرفق لا يطابق بصمته المختومة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="68" />
            <source>The record number inside the PDF is different.</source>
            <translation>رقم السجل داخل ملف PDF مختلف.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="69" />
            <source>The record differs from the one stored in the archive.</source>
            <translation>السجل يختلف عن المحفوظ في الأرشيف.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="70" />
            <source>The PDF cannot be read.</source>
            <translation>تعذرت قراءة ملف PDF.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="71" />
            <source>The PDF differs from the one stored in the archive.</source>
            <translation>ملف PDF يختلف عن المحفوظ في الأرشيف.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="74" />
            <source>Sealed</source>
            <translation>خُتم</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="75" />
            <source>Viewed</source>
            <translation>عُرض</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="76" />
            <source>Printed</source>
            <translation>طُبع</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="77" />
            <source>Copy saved</source>
            <translation>حُفظت نسخة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="79" />
            <source>Superseded by a correction</source>
            <translation>استُبدل بتصحيح</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="80" />
            <source>Verified</source>
            <translation>تم التحقق</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="81" />
            <source>Archive searched</source>
            <translation>بحث في الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="82" />
            <source>Archive exported</source>
            <translation>تصدير من الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="83" />
            <source>Archive printed</source>
            <translation>طباعة من الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="84" />
            <source>Archive verified</source>
            <translation>تحقق من الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="85" />
            <source>Print prepared</source>
            <translation>إعداد طباعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="86" />
            <source>Export cancelled</source>
            <translation>أُلغي التصدير</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="87" />
            <source>Print cancelled</source>
            <translation>أُلغيت الطباعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="88" />
            <source>User added</source>
            <translation>أُضيف مستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="89" />
            <source>User disabled</source>
            <translation>عُطّل مستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="90" />
            <source>User enabled</source>
            <translation>فُعّل مستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="91" />
            <source>Password reset</source>
            <translation>أُعيد تعيين كلمة المرور</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="92" />
            <source>Role changed</source>
            <translation>تغيّر الدور</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="93" />
            <source>Form approved</source>
            <translation>اعتُمد نموذج</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="94" />
            <source>Form retired</source>
            <translation>أُوقف نموذج</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="95" />
            <source>Certificate imported</source>
            <translation>استُوردت شهادة</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="96" />
            <source>Setting changed</source>
            <translation>تغيّر إعداد</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="97" />
            <source>Audit log viewed</source>
            <translation>عُرض سجل التدقيق</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="98" />
            <source>Audit chain verified</source>
            <translation>تُحقق من سلسلة التدقيق</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="99" />
            <source>Signed in</source>
            <translation>تسجيل دخول</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="100" />
            <source>Sign-in failed</source>
            <translation>فشل تسجيل الدخول</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="101" />
            <source>Sign-ins</source>
            <translation>تسجيلات الدخول</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="102" />
            <source>Records</source>
            <translation>السجلات</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="103" />
            <source>Archive</source>
            <translation>الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="104" />
            <source>Users</source>
            <translation>المستخدمون</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="105" />
            <source>Form versions</source>
            <translation>إصدارات النماذج</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="106" />
            <source>Settings</source>
            <translation>الإعدادات</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="107" />
            <source>Certificates</source>
            <translation>الشهادات</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="108" />
            <source>Audit log</source>
            <translation>سجل التدقيق</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="109" />
            <source>Consents</source>
            <translation>الموافقات</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="110" />
            <source>Verifications</source>
            <translation>التحققات</translation>
        </message>
    </context>
    <context>
        <name>AuditPage</name>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="39" />
            <source>username</source>
            <translation>اسم المستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="41" />
            <source>Any action</source>
            <translation>أي إجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="46" />
            <source>record number or user:N</source>
            <translation>رقم السجل أو user:N</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="47" />
            <source>&amp;Between</source>
            <translation>بين يومين</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="50" />
            <source>&amp;Show</source>
            <translation>عرض</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="52" />
            <source>&amp;Older events</source>
            <translation>أحداث أقدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="53" />
            <source>&amp;Verify the chain</source>
            <translation>تحقق من السلسلة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="54" />
            <source>Who (username)</source>
            <translation>من (اسم المستخدم)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="54" />
            <source>Action</source>
            <translation>الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="55" />
            <source>About (record number or user)</source>
            <translation>بشأن (رقم السجل أو المستخدم)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="56" />
            <source>Limit to these days</source>
            <translation>حصر النتائج في هذه الأيام</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="56" />
            <source>First day</source>
            <translation>اليوم الأول</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="57" />
            <source>Last day</source>
            <translation>اليوم الأخير</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="57" />
            <source>Show the events</source>
            <translation>عرض الأحداث</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="58" />
            <source>Show older events</source>
            <translation>عرض أحداث أقدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="59" />
            <source>Verify the audit chain</source>
            <translation>التحقق من سلسلة التدقيق</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="62" />
            <source>W&amp;ho</source>
            <translation>من</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="62" />
            <source>&amp;Action</source>
            <translation>الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="63" />
            <source>Ab&amp;out</source>
            <translation>بشأن</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="76" />
            <source>Audit events</source>
            <translation>أحداث التدقيق</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="77" />
            <source>No.</source>
            <translation>الرقم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="77" />
            <source>When</source>
            <translation>متى</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="77" />
            <source>Who</source>
            <translation>من</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="77" />
            <source>What</source>
            <translation>ماذا</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="77" />
            <source>About</source>
            <translation>بشأن</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="78" />
            <source>Details</source>
            <translation>التفاصيل</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="138" />
            <source>Verifying the chain…</source>
            <translation>جارٍ التحقق من السلسلة…</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="148" />
            <source>The audit chain is intact: %1 events, none altered or missing.</source>
            <translation>سلسلة التدقيق سليمة: %1 حدثًا، لم يُعدَّل أي منها ولم يُفقد.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="151" />
            <source>an event was altered</source>
            <translation>عُدّل حدث</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="151" />
            <source>an event is missing</source>
            <translation>حدث مفقود</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="152" />
            <source>the chain is broken</source>
            <translation>السلسلة مقطوعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="152" />
            <source>the chain's start is wrong</source>
            <translation>بداية السلسلة غير صحيحة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="153" />
            <source>the newest events were removed</source>
            <translation>حُذفت أحدث الأحداث</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="154" />
            <source>an event cannot be read</source>
            <translation>تعذرت قراءة حدث</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/audit_page.py" line="155" />
            <source>The audit chain is NOT intact: %1 (at event %2).</source>
            <translation>سلسلة التدقيق غير سليمة: %1 (عند الحدث %2).</translation>
        </message>
    <message>
        <source>events a signed checkpoint holds were removed</source>
        <translation>حُذفت أحداث تثبتها نقطة تحقق موقّعة</translation>
    </message>
    <message>
        <source>the log differs from a signed checkpoint</source>
        <translation>السجل يخالف نقطة تحقق موقّعة</translation>
    </message>
    <message>
        <source>a sealed record is missing from the archive</source>
        <translation>سجل مختوم مفقود من الأرشيف</translation>
    </message>
    <message>
        <source>a record has no 'record sealed' event</source>
        <translation>سجل بلا حدث «ختم السجل»</translation>
    </message>
    <message>
        <source>the log before a record was rewritten</source>
        <translation>أعيدت كتابة السجل السابق لأحد السجلات</translation>
    </message>
    <message>
        <source>a stored record differs from its seal</source>
        <translation>سجل محفوظ يخالف ختمه</translation>
    </message>
    <message>
        <source>an account was changed outside the program</source>
        <translation>عُدّل حساب خارج البرنامج</translation>
    </message>
    <message>
        <source>an account was created outside the program</source>
        <translation>أُنشئ حساب خارج البرنامج</translation>
    </message>
    <message>
        <source>a protection trigger is missing or altered</source>
        <translation>مشغّل حماية مفقود أو معدَّل</translation>
    </message>
</context>
    <context>
        <name>CorrectDialog</name>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="185" />
            <source>Correct a record</source>
            <translation>تصحيح سجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="190" />
            <source>Name (Arabic)</source>
            <translation>الاسم (بالعربية)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="190" />
            <source>Name (Latin)</source>
            <translation>الاسم (بالحروف اللاتينية)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="191" />
            <source>Medical record number</source>
            <translation>رقم الملف الطبي</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="191" />
            <source>National ID</source>
            <translation>رقم الهوية</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="192" />
            <source>Birth date (YYYY-MM-DD)</source>
            <translation>تاريخ الميلاد (سنة-شهر-يوم)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="192" />
            <source>Sex</source>
            <translation>الجنس</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="193" />
            <source>Levels (e.g. T12, L1)</source>
            <translation>المستويات (مثل T12, L1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="193" />
            <source>Procedure date (YYYY-MM-DD)</source>
            <translation>تاريخ الإجراء (سنة-شهر-يوم)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="194" />
            <source>Fracture date (YYYY-MM-DD)</source>
            <translation>تاريخ الكسر (سنة-شهر-يوم)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="202" />
            <source>Female</source>
            <translation>أنثى</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="203" />
            <source>Male</source>
            <translation>ذكر</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="219" />
            <source>&amp;Reason for the correction</source>
            <translation>سبب التصحيح</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="220" />
            <source>Your &amp;password (to sign the correction)</source>
            <translation>كلمة مرورك (لتوقيع التصحيح)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="221" />
            <source>The original record stays as it is; the corrected record refers to it and carries the reason.</source>
            <translation>يبقى السجل الأصلي كما هو؛ ويشير السجل المصحَّح إليه ويحمل السبب.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="225" />
            <source>&amp;Seal the correction</source>
            <translation>ختم التصحيح</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="226" />
            <source>Seal the correction</source>
            <translation>ختم التصحيح</translation>
        </message>
    </context>
    <context>
        <name>ExportDialog</name>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="38" />
            <location filename="../../app/ui/archive/export_dialog.py" line="105" />
            <source>Export records</source>
            <translation>تصدير السجلات</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="47" />
            <source>&amp;Browse…</source>
            <translation>استعراض…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="48" />
            <source>Choose the export file</source>
            <translation>اختيار ملف التصدير</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="50" />
            <source>Also write a CSV &amp;manifest beside it</source>
            <translation>كتابة بيان CSV بجانبه أيضًا</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="53" />
            <source>Full seal verification of every record</source>
            <translation>تحقق كامل من ختم كل سجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="54" />
            <source>Quick check against the archive's own hashes</source>
            <translation>فحص سريع بمقارنة بصمات الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="55" />
            <source>Include training (demonstration) records</source>
            <translation>تضمين السجلات التدريبية (العرض التوضيحي)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="60" />
            <source>&amp;From</source>
            <translation>من</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="60" />
            <source>&amp;To</source>
            <translation>إلى</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="61" />
            <source>&amp;Integrity check</source>
            <translation>فحص السلامة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="70" />
            <source>&amp;Save as</source>
            <translation>حفظ باسم</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="72" />
            <source>Save as</source>
            <translation>حفظ باسم</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="79" />
            <source>Progress of the export</source>
            <translation>تقدم التصدير</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="82" />
            <source>&amp;Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="84" />
            <source>Export</source>
            <translation>تصدير</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="85" />
            <location filename="../../app/ui/archive/export_dialog.py" line="86" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="93" />
            <source>The PDF starts with an index sheet (record, patient, date, integrity); the manifest lists the same with each record's hash.</source>
            <translation>يبدأ ملف PDF بصفحة فهرس (السجل، المريض، التاريخ، السلامة)؛ ويذكر البيان ذلك مع بصمة كل سجل.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="106" />
            <source>PDF files (*.pdf)</source>
            <translation>ملفات PDF (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="130" />
            <source>No record was signed in these days; nothing was written.</source>
            <translation>لم يوقَّع أي سجل في هذه الأيام؛ لم يُكتب شيء.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="157" />
            <source>Exported %1 records (%2 pages) to %3. Valid: %4; not valid: %5.</source>
            <translation>صُدّر %1 من السجلات (%2 صفحة) إلى %3. السليمة: %4؛ غير السليمة: %5.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="161" />
            <location filename="../../app/ui/archive/export_dialog.py" line="162" />
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/export_dialog.py" line="168" />
            <source>The export was cancelled; no file was written.</source>
            <translation>أُلغي التصدير؛ لم يُكتب أي ملف.</translation>
        </message>
        <message>
            <source>%v of %m records</source>
            <translation>السجل %v من %m</translation>
        </message>
        <message>
            <source>%v of %m records; putting the PDF together…</source>
            <translation>السجل %v من %m؛ يجري تجميع ملف PDF…</translation>
        </message>
    </context>
    <context>
        <name>FormsPage</name>
    <message>
        <source>To confirm locally before approving this version:</source>
        <translation>ما يؤكده الطبيب محلياً قبل اعتماد هذا الإصدار:</translation>
    </message>
    <message>
        <source>Review notes for the approving physician</source>
        <translation>ملاحظات المراجعة للطبيب الذي يعتمد النموذج</translation>
    </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="37" />
            <source>Form versions</source>
            <translation>إصدارات النماذج</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="38" />
            <source>Procedure</source>
            <translation>الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="38" />
            <source>Language</source>
            <translation>اللغة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="38" />
            <source>Version</source>
            <translation>الإصدار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="38" />
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="39" />
            <source>Approved by</source>
            <translation>اعتمده</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="39" />
            <source>Offered now</source>
            <translation>المعروض حاليًا</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="39" />
            <source>Fingerprint</source>
            <translation>البصمة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="41" />
            <source>Earlier version</source>
            <translation>الإصدار الأقدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="43" />
            <source>Later version</source>
            <translation>الإصدار الأحدث</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="44" />
            <source>Show &amp;differences</source>
            <translation>عرض الفروق</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="45" />
            <source>Show the differences between the two versions</source>
            <translation>عرض الفروق بين الإصدارين</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="48" />
            <source>Compare</source>
            <translation>مقارنة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="48" />
            <source>with</source>
            <translation>مع</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="56" />
            <source>Differences, side by side</source>
            <translation>الفروق جنبًا إلى جنب</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="57" />
            <source>Where</source>
            <translation>الموضع</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="57" />
            <source>Before</source>
            <translation>قبل</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="57" />
            <source>After</source>
            <translation>بعد</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="70" />
            <location filename="../../app/ui/admin/forms_page.py" line="71" />
            <source>Your password (to approve)</source>
            <translation>كلمة مرورك (للاعتماد)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="72" />
            <source>&amp;Approve the chosen version</source>
            <translation>اعتماد الإصدار المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="73" />
            <source>Approve the chosen version</source>
            <translation>اعتماد الإصدار المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="74" />
            <source>&amp;Retire the chosen version</source>
            <translation>إيقاف الإصدار المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="75" />
            <source>Retire the chosen version</source>
            <translation>إيقاف الإصدار المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="86" />
            <source>A physician approves a version before it is used for real patients; records keep the exact version they showed.</source>
            <translation>يعتمد الطبيب الإصدار قبل استخدامه مع المرضى؛ وتحتفظ السجلات بالإصدار نفسه الذي عُرض فيها.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="88" />
            <source>Only a physician can approve a form version.</source>
            <translation>لا يعتمد إصدار النموذج إلا طبيب.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="134" />
            <source>Yes</source>
            <translation>نعم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="134" />
            <source>No</source>
            <translation>لا</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="173" />
            <source>added</source>
            <translation>أُضيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="173" />
            <source>removed</source>
            <translation>حُذف</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="173" />
            <source>changed</source>
            <translation>تغيّر</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="185" />
            <source>No differences.</source>
            <translation>لا فروق.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="186" />
            <source>%1 differences (the words say what changed; colour only helps).</source>
            <translation>%1 من الفروق (الكلمات تبيّن ما تغيّر؛ واللون للمساعدة فقط).</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="201" />
            <source>The version was approved; it can now be used for patients.</source>
            <translation>اعتُمد الإصدار؛ ويمكن استخدامه الآن مع المرضى.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="208" />
            <source>Retire the version</source>
            <translation>إيقاف الإصدار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="209" />
            <source>Stop offering this version for new consents? Records that used it keep it.</source>
            <translation>هل تريد إيقاف عرض هذا الإصدار للموافقات الجديدة؟ تحتفظ السجلات التي استخدمته به.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="211" />
            <source>Retire</source>
            <translation>إيقاف</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="212" />
            <source>Keep</source>
            <translation>إبقاء</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/forms_page.py" line="224" />
            <source>The version was retired.</source>
            <translation>أُوقف الإصدار.</translation>
        </message>
        <message>
            <source>Rea&amp;d the chosen version…</source>
            <translation>&amp;قراءة الإصدار المختار…</translation>
        </message>
        <message>
            <source>Read the whole text of the chosen version</source>
            <translation>قراءة النص الكامل للإصدار المختار</translation>
        </message>
    </context>
    <context>
        <name>InstitutionPage</name>
        <message>
            <source>&amp;Remember it on this computer (in its key store)</source>
            <translation>&amp;تذكّره على هذا الحاسوب (في مخزن المفاتيح)</translation>
        </message>
        <message>
            <source>Remember the PIN or passphrase on this computer</source>
            <translation>تذكّر الرقم السري أو عبارة المرور على هذا الحاسوب</translation>
        </message>
        <message>
            <source>F&amp;orget it on this computer</source>
            <translation>ا&amp;نسه على هذا الحاسوب</translation>
        </message>
        <message>
            <source>Forget the PIN or passphrase on this computer</source>
            <translation>انسَ الرقم السري أو عبارة المرور على هذا الحاسوب</translation>
        </message>
        <message>
            <source>The seal is unlocked, and this computer's key store keeps its PIN or passphrase.</source>
            <translation>فُتح الختم، ويحفظ مخزن المفاتيح في هذا الحاسوب رقمه السري أو عبارة مروره.</translation>
        </message>
        <message>
            <source>The seal is unlocked for this session only: this computer has no key store to keep the PIN or passphrase.</source>
            <translation>فُتح الختم لهذه الجلسة فقط: لا يوجد في هذا الحاسوب مخزن مفاتيح يحفظ الرقم السري أو عبارة المرور.</translation>
        </message>
        <message>
            <source>This computer no longer keeps the seal's PIN or passphrase; the seal is locked.</source>
            <translation>لم يعد هذا الحاسوب يحفظ الرقم السري للختم أو عبارة مروره، والختم مقفل.</translation>
        </message>
        <message>
            <source>What is trusted comes only from the trust file installed by IT; records sealed with earlier certificates of the institution still verify.</source>
            <translation>لا يُوثَق إلا بما في ملف الثقة الذي يثبّته قسم تقنية المعلومات؛ وتبقى السجلات المختومة بشهادات المؤسسة السابقة قابلة للتحقق.</translation>
        </message>
        <message>
            <source>Trust file (installed by IT)</source>
            <translation>ملف الثقة (يثبّته قسم تقنية المعلومات)</translation>
        </message>
        <message>
            <source>Trust file</source>
            <translation>ملف الثقة</translation>
        </message>
        <message>
            <source>Seal key</source>
            <translation>مفتاح الختم</translation>
        </message>
        <message>
            <source>Where the seal key is</source>
            <translation>مكان مفتاح الختم</translation>
        </message>
        <message>
            <source>&amp;Unlock the seal</source>
            <translation>&amp;فتح الختم</translation>
        </message>
        <message>
            <source>Unlock the seal for this session</source>
            <translation>فتح الختم لهذه الجلسة</translation>
        </message>
        <message>
            <source>PIN or &amp;passphrase</source>
            <translation>الرمز أو &amp;عبارة المرور</translation>
        </message>
        <message>
            <source>PIN or passphrase of the seal</source>
            <translation>رمز الختم أو عبارة مروره</translation>
        </message>
        <message>
            <source>PKCS#11 &amp;module</source>
            <translation>&amp;وحدة PKCS#11</translation>
        </message>
        <message>
            <source>PKCS#11 module (library file)</source>
            <translation>وحدة PKCS#11 (ملف المكتبة)</translation>
        </message>
        <message>
            <source>&amp;Token</source>
            <translation>ال&amp;جهاز الأمني</translation>
        </message>
        <message>
            <source>Token name</source>
            <translation>اسم الجهاز الأمني</translation>
        </message>
        <message>
            <source>&amp;Key</source>
            <translation>الم&amp;فتاح</translation>
        </message>
        <message>
            <source>Key name on the token</source>
            <translation>اسم المفتاح على الجهاز الأمني</translation>
        </message>
        <message>
            <source>Token P&amp;IN</source>
            <translation>&amp;رمز الجهاز الأمني</translation>
        </message>
        <message>
            <source>Token PIN</source>
            <translation>رمز الجهاز الأمني</translation>
        </message>
        <message>
            <source>Use the &amp;token for new seals</source>
            <translation>استخدام ال&amp;جهاز الأمني للأختام الجديدة</translation>
        </message>
        <message>
            <source>Use the token for new seals</source>
            <translation>استخدام الجهاز الأمني للأختام الجديدة</translation>
        </message>
        <message>
            <source>Test the &amp;connection</source>
            <translation>&amp;اختبار الاتصال</translation>
        </message>
        <message>
            <source>Test the timestamp server</source>
            <translation>اختبار خادم الختم الزمني</translation>
        </message>
        <message>
            <source>none: only demonstration consents can be sealed</source>
            <translation>لا يوجد: لا يمكن ختم إلا موافقات تجريبية</translation>
        </message>
        <message>
            <source>none</source>
            <translation>لا يوجد</translation>
        </message>
        <message>
            <source>Earlier</source>
            <translation>سابقة</translation>
        </message>
        <message>
            <source>The token's key now seals new records.</source>
            <translation>أصبح مفتاح الجهاز الأمني يختم السجلات الجديدة.</translation>
        </message>
        <message>
            <source>The seal is unlocked for this session.</source>
            <translation>فُتح الختم لهذه الجلسة.</translation>
        </message>
        <message>
            <source>The timestamp server answered and is trusted: %1</source>
            <translation>استجاب خادم الختم الزمني وهو موثوق: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="75" />
            <source>Institution</source>
            <translation>المؤسسة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="80" />
            <source>Name in &amp;Arabic</source>
            <translation>الاسم بالعربية</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="81" />
            <source>Name in &amp;English</source>
            <translation>الاسم بالإنجليزية</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="82" />
            <source>Save the names</source>
            <translation>حفظ الاسمين</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="88" />
            <source>Choose the &amp;logo…</source>
            <translation>اختيار الشعار…</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="88" />
            <source>Choose the logo (PNG or JPEG)</source>
            <translation>اختيار الشعار (PNG أو JPEG)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="93" />
            <location filename="../../app/ui/admin/institution_page.py" line="214" />
            <source>Logo</source>
            <translation>الشعار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="97" />
            <source>Signing certificate (seal)</source>
            <translation>شهادة التوقيع (الختم)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="104" />
            <source>Signing certificates, current and earlier</source>
            <translation>شهادات التوقيع، الحالية والسابقة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="105" />
            <source>In use</source>
            <translation>قيد الاستخدام</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="105" />
            <source>Subject</source>
            <translation>صاحب الشهادة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="105" />
            <source>Valid until</source>
            <translation>صالحة حتى</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="105" />
            <source>Days left</source>
            <translation>الأيام المتبقية</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="106" />
            <source>Fingerprint</source>
            <translation>البصمة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="111" />
            <source>Browse…</source>
            <translation>استعراض…</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="111" />
            <location filename="../../app/ui/admin/institution_page.py" line="272" />
            <source>Choose the PKCS#12 file</source>
            <translation>اختيار ملف PKCS#12</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="116" />
            <source>PKCS#12 &amp;file (.p12, .pfx)</source>
            <translation>ملف PKCS#12 (.p12, .pfx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="118" />
            <source>PKCS#12 file</source>
            <translation>ملف PKCS#12</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="122" />
            <source>Its pass&amp;word</source>
            <translation>كلمة مروره</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="122" />
            <source>Password of the PKCS#12 file</source>
            <translation>كلمة مرور ملف PKCS#12</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="123" />
            <source>&amp;Import and use for new seals</source>
            <translation>استيراد واستخدام للأختام الجديدة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="124" />
            <source>Import the certificate and use it for new seals</source>
            <translation>استيراد الشهادة واستخدامها للأختام الجديدة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="127" />
            <source>Earlier certificates stay trusted, so records sealed with them still verify.</source>
            <translation>تبقى الشهادات السابقة موثوقة، فتظل السجلات المختومة بها قابلة للتحقق.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="133" />
            <source>Save the timestamp server</source>
            <translation>حفظ خادم الختم الزمني</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="136" />
            <source>&amp;Timestamp server (empty: none)</source>
            <translation>خادم الختم الزمني (فارغ: لا يوجد)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="136" />
            <source>Timestamp server address</source>
            <translation>عنوان خادم الختم الزمني</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="146" />
            <source>Desk</source>
            <translation>المكتب</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="150" />
            <source>min</source>
            <translation>دقيقة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="152" />
            <source>The same screen as the desk</source>
            <translation>شاشة المكتب نفسها</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="155" />
            <source>Lock after (&amp;minutes without use)</source>
            <translation>القفل بعد (دقائق دون استخدام)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="156" />
            <source>Screen for the &amp;patient</source>
            <translation>شاشة المريض</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="160" />
            <source>Data folder</source>
            <translation>مجلد البيانات</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="161" />
            <source>Save the desk settings</source>
            <translation>حفظ إعدادات المكتب</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="167" />
            <source>Checklist thresholds (within the form's range)</source>
            <translation>حدود قائمة التحقق (ضمن نطاق النموذج)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="189" />
            <source>Save the thresholds</source>
            <translation>حفظ الحدود</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="211" />
            <location filename="../../app/ui/admin/institution_page.py" line="214" />
            <source>No logo</source>
            <translation>لا يوجد شعار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="229" />
            <source>Current</source>
            <translation>الحالية</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="229" />
            <source>Earlier (still trusted)</source>
            <translation>سابقة (ما زالت موثوقة)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="234" />
            <source>The signing certificate has expired. Import a new one now.</source>
            <translation>انتهت صلاحية شهادة التوقيع. استورد شهادة جديدة الآن.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="235" />
            <source>The signing certificate expires in %1 days. Import the next one before then.</source>
            <translation>تنتهي صلاحية شهادة التوقيع بعد %1 يومًا. استورد الشهادة التالية قبل ذلك.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="255" />
            <source>The names were saved.</source>
            <translation>حُفظ الاسمان.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="261" />
            <source>Choose the logo</source>
            <translation>اختيار الشعار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="261" />
            <source>Images (*.png *.jpg *.jpeg)</source>
            <translation>صور (*.png *.jpg *.jpeg)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="267" />
            <source>The logo was saved.</source>
            <translation>حُفظ الشعار.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="273" />
            <source>PKCS#12 files (*.p12 *.pfx)</source>
            <translation>ملفات PKCS#12 (*.p12 *.pfx)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="282" />
            <source>The certificate was imported; new records are sealed with it.</source>
            <translation>استُوردت الشهادة؛ وتُختم بها السجلات الجديدة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="289" />
            <source>The timestamp server was saved.</source>
            <translation>حُفظ خادم الختم الزمني.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="297" />
            <source>The desk settings were saved.</source>
            <translation>حُفظت إعدادات المكتب.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/institution_page.py" line="312" />
            <source>The thresholds were saved.</source>
            <translation>حُفظت الحدود.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../app/ui/archive/window.py" line="35" />
            <source>Archive</source>
            <translation>الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/window.py" line="36" />
            <source>Administration</source>
            <translation>الإدارة</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <location filename="../../app/ui/common/words.py" line="190" />
            <source>This is the last active administrator. Add another administrator first.</source>
            <translation>هذا آخر مسؤول نظام نشط. أضف مسؤولًا آخر أولًا.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="191" />
            <source>You cannot disable your own account.</source>
            <translation>لا يمكنك تعطيل حسابك أنت.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="192" />
            <source>This user could not be found.</source>
            <translation>تعذر العثور على هذا المستخدم.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="193" />
            <source>Please choose a role.</source>
            <translation>يرجى اختيار الدور.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="194" />
            <source>The certificate is expired or not yet valid.</source>
            <translation>الشهادة منتهية الصلاحية أو لم تبدأ صلاحيتها بعد.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="195" />
            <source>The logo must be a PNG or JPEG file of at most 2 MB.</source>
            <translation>يجب أن يكون الشعار ملف PNG أو JPEG لا يتجاوز 2 ميغابايت.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="196" />
            <source>The value must lie between {minimum} and {maximum} (the safe range).</source>
            <translation>يجب أن تكون القيمة بين {minimum} و{maximum} (الحدود الآمنة).</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="197" />
            <source>Please enter a number.</source>
            <translation>يرجى إدخال رقم.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="198" />
            <source>No form defines this threshold.</source>
            <translation>لا يعرّف أي نموذج هذا الحد.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="199" />
            <source>This form version could not be found.</source>
            <translation>تعذر العثور على إصدار النموذج هذا.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="200" />
            <source>This form version has been retired.</source>
            <translation>أُوقف إصدار النموذج هذا.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="201" />
            <source>This form version is already approved.</source>
            <translation>إصدار النموذج هذا معتمد من قبل.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="202" />
            <source>This record was superseded by a correction. Act on the corrected record.</source>
            <translation>استُبدل هذا السجل بتصحيح. تعامل مع السجل المصحَّح.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="203" />
            <source>This consent has already been withdrawn.</source>
            <translation>سبق العدول عن هذه الموافقة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="204" />
            <source>Only a signed consent can be withdrawn.</source>
            <translation>لا يمكن العدول إلا عن موافقة موقَّعة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="205" />
            <source>The procedure was performed; the consent can no longer be withdrawn.</source>
            <translation>أُجري الإجراء؛ فلم يعد العدول عن الموافقة ممكنًا.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="206" />
            <source>Please give the reason for the correction in a few words.</source>
            <translation>يرجى ذكر سبب التصحيح في كلمات قليلة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="207" />
            <source>Change at least one detail.</source>
            <translation>غيّر معلومة واحدة على الأقل.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="208" />
            <source>This detail cannot be corrected.</source>
            <translation>لا يمكن تصحيح هذه المعلومة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="209" />
            <source>The new values are the same as the recorded ones.</source>
            <translation>القيم الجديدة مطابقة للقيم المسجلة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="210" />
            <source>Only a consent, a refusal or a correction can be corrected.</source>
            <translation>لا يُصحَّح إلا موافقة أو رفض أو تصحيح.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="211" />
            <source>The end date is before the start date.</source>
            <translation>تاريخ النهاية قبل تاريخ البداية.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="212" />
            <source>Please give both dates.</source>
            <translation>يرجى إدخال التاريخين.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="213" />
            <source>Type a name, a medical record number or a national ID, or choose a filter.</source>
            <translation>اكتب اسمًا أو رقم ملف طبي أو رقم هوية، أو اختر عامل تصفية.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="214" />
            <source>Choose at least one record.</source>
            <translation>اختر سجلًا واحدًا على الأقل.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="215" />
            <source>Copies: 1 to 20.</source>
            <translation>عدد النسخ: من 1 إلى 20.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="216" />
            <source>The folder does not exist.</source>
            <translation>المجلد غير موجود.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="217" />
            <source>The file name must end in .pdf (or .csv for the manifest).</source>
            <translation>يجب أن ينتهي اسم الملف بـ ‎.pdf (أو ‎.csv للبيان).</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="218" />
            <source>The manifest and the PDF must be different files.</source>
            <translation>يجب أن يكون البيان وملف PDF ملفين مختلفين.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="219" />
            <source>The printer did not accept the job. Check the printer and try again.</source>
            <translation>لم تقبل الطابعة المهمة. تحقق من الطابعة وحاول مرة أخرى.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="220" />
            <source>Give at least 8 characters of the version's fingerprint.</source>
            <translation>أدخل 8 أحرف على الأقل من بصمة الإصدار.</translation>
        </message>
        <message>
            <location filename="../../app/ui/common/words.py" line="221" />
            <source>The person who withdraws is the patient or the legal representative.</source>
            <translation>من يعدل عن الموافقة هو المريض أو ممثله النظامي.</translation>
        </message>
    <message>
        <source>Another text was already approved under this version label. Give this version a new label.</source>
        <translation>اعتُمد نص آخر بهذا الرقم للإصدار. أعطِ هذا الإصدار رقمًا جديدًا.</translation>
    </message>
</context>
    <context>
        <name>PreviewPanel</name>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="66" />
            <source>Document</source>
            <translation>المستند</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="67" />
            <source>Linked records</source>
            <translation>السجلات المرتبطة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="68" />
            <source>History</source>
            <translation>السجل الزمني</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="69" />
            <source>Views of the record</source>
            <translation>طرق عرض السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="70" />
            <source>The sealed record (PDF)</source>
            <translation>السجل المختوم (PDF)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="71" />
            <source>Records linked to this record</source>
            <translation>السجلات المرتبطة بهذا السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="72" />
            <source>History of this record</source>
            <translation>السجل الزمني لهذا السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="73" />
            <source>Record number</source>
            <translation>رقم السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="73" />
            <source>Kind</source>
            <translation>النوع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="73" />
            <source>Signed</source>
            <translation>موقَّع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="73" />
            <source>Link</source>
            <translation>الصلة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="74" />
            <source>When</source>
            <translation>متى</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="74" />
            <source>Who</source>
            <translation>من</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="74" />
            <source>What</source>
            <translation>ماذا</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="74" />
            <source>Details</source>
            <translation>التفاصيل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="78" />
            <location filename="../../app/ui/archive/preview.py" line="91" />
            <source>Choose a record to see it here.</source>
            <translation>اختر سجلًا لعرضه هنا.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="99" />
            <source>%1 · %2 · MRN %3</source>
            <translation>%1 · %2 · رقم الملف %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="101" />
            <source>Record %1</source>
            <translation>السجل %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="102" />
            <source>Status: %1</source>
            <translation>الحالة: %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="104" />
            <source>Superseded by %1</source>
            <translation>استُبدل بالسجل %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="106" />
            <source>Withdrawn by %1</source>
            <translation>عُدل عنه بالسجل %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/preview.py" line="108" />
            <source>Training record</source>
            <translation>سجل تدريبي</translation>
        </message>
    </context>
    <context>
        <name>PrintDialog</name>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="53" />
            <source>Print records</source>
            <translation>طباعة السجلات</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="55" />
            <source>What to print</source>
            <translation>ما الذي يُطبع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="56" />
            <source>The chosen records (%1)</source>
            <translation>السجلات المختارة (%1)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="58" />
            <source>Every record signed between these days</source>
            <translation>كل سجل وُقّع بين هذين اليومين</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="65" />
            <source>From</source>
            <translation>من</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="67" />
            <source>To</source>
            <translation>إلى</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="69" />
            <source>&amp;From</source>
            <translation>من</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="69" />
            <source>&amp;To</source>
            <translation>إلى</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="86" />
            <source>Printer</source>
            <translation>الطابعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="90" />
            <source>Another printer (choose in the print dialog)…</source>
            <translation>طابعة أخرى (تُختار في نافذة الطباعة)…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="97" />
            <source>Copies</source>
            <translation>عدد النسخ</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="99" />
            <source>&amp;Printer</source>
            <translation>الطابعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="99" />
            <source>&amp;Copies</source>
            <translation>عدد النسخ</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="104" />
            <source>An index sheet (record, patient, date, integrity check) is printed first.</source>
            <translation>تُطبع أولًا صفحة فهرس (السجل، المريض، التاريخ، فحص السلامة).</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="109" />
            <source>No system print queue was found; the print dialog will ask for the printer.</source>
            <translation>لم يُعثر على قائمة طباعة في النظام؛ ستسأل نافذة الطباعة عن الطابعة.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="113" />
            <source>Progress of the print</source>
            <translation>تقدم الطباعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="117" />
            <source>&amp;Print</source>
            <translation>طباعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="119" />
            <source>Print</source>
            <translation>طباعة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="120" />
            <location filename="../../app/ui/archive/print_dialog.py" line="121" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="182" />
            <source>No record was signed in these days.</source>
            <translation>لم يوقَّع أي سجل في هذه الأيام.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="199" />
            <source>Preparing %v of %m…</source>
            <translation>جارٍ الإعداد: %v من %m…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="215" />
            <source>Sending to the printer…</source>
            <translation>جارٍ الإرسال إلى الطابعة…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="229" />
            <source>Done</source>
            <translation>تم</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="231" />
            <source>Sent to %1: %2 records, %3 pages with the index sheet.</source>
            <translation>أُرسل إلى %1: %2 من السجلات، %3 صفحة مع صفحة الفهرس.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="233" />
            <location filename="../../app/ui/archive/print_dialog.py" line="234" />
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/print_dialog.py" line="240" />
            <source>The print was cancelled; nothing was sent.</source>
            <translation>أُلغيت الطباعة؛ لم يُرسل شيء.</translation>
        </message>
    </context>
    <context>
        <name>SearchBar</name>
        <message>
            <location filename="../../app/ui/archive/search.py" line="133" />
            <source>&amp;Find</source>
            <translation>بحث</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="134" />
            <source>Any word of a name, an MRN or a national ID</source>
            <translation>أي كلمة من الاسم أو رقم الملف أو رقم الهوية</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="135" />
            <source>Find: any word of a name, an MRN or a national ID</source>
            <translation>بحث: أي كلمة من الاسم أو رقم الملف أو رقم الهوية</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="136" />
            <source>Signed &amp;between</source>
            <translation>وُقّع بين</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="137" />
            <source>Limit to the days of signing</source>
            <translation>حصر البحث في أيام التوقيع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="138" />
            <source>First day</source>
            <translation>اليوم الأول</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="139" />
            <source>Last day</source>
            <translation>اليوم الأخير</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="140" />
            <source>Procedure</source>
            <translation>الإجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="141" />
            <source>Status</source>
            <translation>الحالة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="142" />
            <source>&amp;Search</source>
            <translation>بحث</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="143" />
            <source>Search the archive</source>
            <translation>البحث في الأرشيف</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="144" />
            <source>C&amp;lear</source>
            <translation>مسح</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="145" />
            <source>Clear the filters</source>
            <translation>مسح عوامل التصفية</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="148" />
            <source>Any procedure</source>
            <translation>أي إجراء</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/search.py" line="152" />
            <source>Any status</source>
            <translation>أي حالة</translation>
        </message>
    </context>
    <context>
        <name>UserDialog</name>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="39" />
            <source>Add a user</source>
            <translation>إضافة مستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="39" />
            <source>Reset the password of %1</source>
            <translation>إعادة تعيين كلمة مرور %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="40" />
            <source>Change the role of %1</source>
            <translation>تغيير دور %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="55" />
            <source>Username</source>
            <translation>اسم المستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="55" />
            <source>Name (Arabic)</source>
            <translation>الاسم (بالعربية)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="56" />
            <source>Name (Latin)</source>
            <translation>الاسم (بالحروف اللاتينية)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="56" />
            <source>Role</source>
            <translation>الدور</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="57" />
            <source>Password</source>
            <translation>كلمة المرور</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="57" />
            <source>Password again</source>
            <translation>تأكيد كلمة المرور</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="62" />
            <source>&amp;Username</source>
            <translation>اسم المستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="63" />
            <source>Name (&amp;Arabic)</source>
            <translation>الاسم (بالعربية)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="64" />
            <source>Name (&amp;Latin)</source>
            <translation>الاسم (بالحروف اللاتينية)</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="66" />
            <source>&amp;Role</source>
            <translation>الدور</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="68" />
            <source>&amp;Password</source>
            <translation>كلمة المرور</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="69" />
            <source>Password &amp;again</source>
            <translation>تأكيد كلمة المرور</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="72" />
            <source>OK</source>
            <translation>موافق</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="73" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="83" />
            <source>The two passwords differ.</source>
            <translation>كلمتا المرور مختلفتان.</translation>
        </message>
    </context>
    <context>
        <name>UsersPage</name>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="100" />
            <source>Staff accounts</source>
            <translation>حسابات الموظفين</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="101" />
            <source>Username</source>
            <translation>اسم المستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="101" />
            <source>Name</source>
            <translation>الاسم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="101" />
            <source>Role</source>
            <translation>الدور</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="101" />
            <source>State</source>
            <translation>الوضع</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="102" />
            <source>Created</source>
            <translation>أُنشئ في</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="106" />
            <source>&amp;Add a user…</source>
            <translation>إضافة مستخدم…</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="106" />
            <source>Add a user</source>
            <translation>إضافة مستخدم</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="107" />
            <source>&amp;Disable</source>
            <translation>تعطيل</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="107" />
            <source>Disable the chosen user</source>
            <translation>تعطيل المستخدم المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="108" />
            <source>&amp;Enable</source>
            <translation>تفعيل</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="108" />
            <source>Enable the chosen user</source>
            <translation>تفعيل المستخدم المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="109" />
            <source>Reset &amp;password…</source>
            <translation>إعادة تعيين كلمة المرور…</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="109" />
            <source>Reset the chosen user's password</source>
            <translation>إعادة تعيين كلمة مرور المستخدم المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="110" />
            <source>Change &amp;role…</source>
            <translation>تغيير الدور…</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="110" />
            <source>Change the chosen user's role</source>
            <translation>تغيير دور المستخدم المختار</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="122" />
            <source>The last active administrator can be neither disabled nor given another role.</source>
            <translation>لا يمكن تعطيل آخر مسؤول نظام نشط ولا تغيير دوره.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="141" />
            <source>Active</source>
            <translation>نشط</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="141" />
            <source>Disabled</source>
            <translation>معطّل</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="143" />
            <source>locked after failed sign-ins</source>
            <translation>مقفل بعد محاولات دخول فاشلة</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="145" />
            <source>training</source>
            <translation>تدريبي</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="193" />
            <source>The user %1 was added.</source>
            <translation>أُضيف المستخدم %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="198" />
            <source>The user %1 was disabled.</source>
            <translation>عُطّل المستخدم %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="203" />
            <source>The user %1 was enabled.</source>
            <translation>فُعّل المستخدم %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="208" />
            <source>The password of %1 was reset.</source>
            <translation>أُعيد تعيين كلمة مرور %1.</translation>
        </message>
        <message>
            <location filename="../../app/ui/admin/users_page.py" line="213" />
            <source>%1 is now: %2.</source>
            <translation>أصبح %1: %2.</translation>
        </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;فك الانتظار</translation>
    </message>
    <message>
        <source>End the chosen user's sign-in wait</source>
        <translation>إنهاء انتظار تسجيل الدخول للمستخدم المختار</translation>
    </message>
    <message>
        <source>Re&amp;solve…</source>
        <translation>م&amp;عالجة…</translation>
    </message>
    <message>
        <source>Put the chosen account back to its audited state</source>
        <translation>إعادة الحساب المختار إلى حالته المسجلة في سجل التدقيق</translation>
    </message>
    <message>
        <source>changed outside the program</source>
        <translation>عُدّل خارج البرنامج</translation>
    </message>
    <message>
        <source>%1 may sign in again.</source>
        <translation>يمكن لـ %1 تسجيل الدخول مجددًا.</translation>
    </message>
    <message>
        <source>%1 is back to its audited state.</source>
        <translation>أعيد %1 إلى حالته المسجلة في سجل التدقيق.</translation>
    </message>
</context>
    <context>
        <name>VerifyDialog</name>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="39" />
            <source>Verify records</source>
            <translation>التحقق من السجلات</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="42" />
            <source>Checking every record of the archive.</source>
            <translation>جارٍ التحقق من كل سجلات الأرشيف.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="45" />
            <source>Progress of the verification</source>
            <translation>تقدم التحقق</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="50" />
            <source>%v of %m</source>
            <translation>%v من %m</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="53" />
            <source>Verification report</source>
            <translation>تقرير التحقق</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="57" />
            <source>Record</source>
            <translation>السجل</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="57" />
            <source>Result</source>
            <translation>النتيجة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="57" />
            <source>Why</source>
            <translation>السبب</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="57" />
            <source>Later</source>
            <translation>لاحقًا</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="62" />
            <source>&amp;Save the report…</source>
            <translation>حفظ التقرير…</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="63" />
            <location filename="../../app/ui/archive/verify.py" line="140" />
            <source>Save the report</source>
            <translation>حفظ التقرير</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="66" />
            <location filename="../../app/ui/archive/verify.py" line="67" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="101" />
            <source>Superseded by %1</source>
            <translation>استُبدل بالسجل %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="103" />
            <source>Withdrawn by %1</source>
            <translation>عُدل عنه بالسجل %1</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="104" />
            <source>Valid</source>
            <translation>سليم</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="104" />
            <source>NOT valid</source>
            <translation>غير سليم</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="118" />
            <source>%1 records checked: %2 valid, %3 not valid.</source>
            <translation>فُحص %1 من السجلات: %2 سليم، %3 غير سليم.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="121" />
            <source>Stopped.</source>
            <translation>توقف.</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="124" />
            <location filename="../../app/ui/archive/verify.py" line="125" />
            <location filename="../../app/ui/archive/verify.py" line="131" />
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/verify.py" line="141" />
            <source>Text files (*.txt)</source>
            <translation>ملفات نصية (*.txt)</translation>
        </message>
        <message numerus="yes">
            <source>Checking %n record(s).</source>
            <translation>
                <numerusform>لا سجل للتحقق منه.</numerusform>
                <numerusform>يجري التحقق من سجل واحد.</numerusform>
                <numerusform>يجري التحقق من سجلين.</numerusform>
                <numerusform>يجري التحقق من %n سجلات.</numerusform>
                <numerusform>يجري التحقق من %n سجلاً.</numerusform>
                <numerusform>يجري التحقق من %n سجل.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WithdrawDialog</name>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="110" />
            <source>Withdrawal of consent</source>
            <translation>العدول عن الموافقة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="116" />
            <source>The patient</source>
            <translation>المريض</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="117" />
            <source>The legal representative</source>
            <translation>الممثل النظامي</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="122" />
            <source>Signature</source>
            <translation>توقيع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="123" />
            <source>Mark (cannot write; the text was read aloud)</source>
            <translation>علامة (لا يستطيع الكتابة؛ قُرئ عليه النص)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="127" />
            <source>Who &amp;withdraws</source>
            <translation>من يعدل عن الموافقة</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="128" />
            <source>&amp;Name of the signer</source>
            <translation>اسم الموقِّع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="129" />
            <source>&amp;Relationship to the patient</source>
            <translation>صلة القرابة بالمريض</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="131" />
            <source>Why the patient cannot &amp;decide</source>
            <translation>سبب عدم قدرة المريض على القرار</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="133" />
            <source>Signed &amp;by</source>
            <translation>طريقة التوقيع</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="134" />
            <source>Reason given (optional)</source>
            <translation>السبب المذكور (اختياري)</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="135" />
            <source>Signature of the patient or representative</source>
            <translation>توقيع المريض أو ممثله</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="137" />
            <source>&amp;Seal the withdrawal</source>
            <translation>ختم العدول</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="138" />
            <source>Seal the withdrawal</source>
            <translation>ختم العدول</translation>
        </message>
    <message>
        <source>Signature of the witness</source>
        <translation>توقيع الشاهد</translation>
    </message>
</context>
    <context>
        <name>_PadBox</name>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="43" />
            <source>Clear</source>
            <translation>مسح</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="44" />
            <source>Clear: %1</source>
            <translation>مسح: %1</translation>
        </message>
    </context>
    <context>
        <name>_SealingDialog</name>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="61" />
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="62" />
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="66" />
            <source>Record %1 · %2 · MRN %3</source>
            <translation>السجل %1 · %2 · رقم الملف %3</translation>
        </message>
        <message>
            <location filename="../../app/ui/archive/outcome_dialogs.py" line="100" />
            <source>Sealing the record…</source>
            <translation>جارٍ ختم السجل…</translation>
        </message>
    <message>
        <source>&amp;Witness (another staff member's username)</source>
        <translation>ال&amp;شاهد (اسم مستخدم موظف آخر)</translation>
    </message>
    <message>
        <source>Witness's pass&amp;word</source>
        <translation>كلمة م&amp;رور الشاهد</translation>
    </message>
</context>
    <context>
        <name>FormReader</name>
        <message>
            <source>The whole text of the version</source>
            <translation>النص الكامل للإصدار</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
    </context>
</TS>
