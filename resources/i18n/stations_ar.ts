<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
    <context>
        <name>ArchiveWords</name>
        <message>
            <source>Station registered</source>
            <translation>سُجّلت المحطة</translation>
        </message>
        <message>
            <source>Copied in from a one-desk data folder</source>
            <translation>نُسخت من مجلد بيانات مكتب واحد</translation>
        </message>
        <message>
            <source>Handed to a patient tablet</source>
            <translation>سُلّمت إلى جهاز لوحي للمريض</translation>
        </message>
        <message>
            <source>Opened on the patient tablet</source>
            <translation>فُتحت على الجهاز اللوحي للمريض</translation>
        </message>
        <message>
            <source>Given back by the patient tablet</source>
            <translation>أعادها الجهاز اللوحي للمريض</translation>
        </message>
        <message>
            <source>Taken back from the patient tablet</source>
            <translation>استُعيدت من الجهاز اللوحي للمريض</translation>
        </message>
        <message>
            <source>Patient tablet released</source>
            <translation>حُرّر الجهاز اللوحي للمريض</translation>
        </message>
        <message>
            <source>A step from the tablet kept, not applied</source>
            <translation>خطوة من الجهاز اللوحي حُفظت ولم تُطبَّق</translation>
        </message>
    </context>
    <context>
        <name>Handoff</name>
        <message>
            <source>Back from %1: %2.</source>
            <translation>عادت من %1: %2.</translation>
        </message>
        <message>
            <source>Hand over to the &amp;tablet</source>
            <translation>تسليم إلى الجهاز اللوحي</translation>
        </message>
        <message>
            <source>Hand the consent over to the chosen patient tablet</source>
            <translation>تسليم الموافقة إلى الجهاز اللوحي المختار للمريض</translation>
        </message>
        <message>
            <source>Handed to %1: waiting for the tablet to open it.</source>
            <translation>سُلّمت إلى %1: في انتظار أن يفتحها الجهاز اللوحي.</translation>
        </message>
        <message>
            <source>On %1: the patient is reading and signing. The desk hears each step.</source>
            <translation>على %1: المريض يقرأ ويوقّع، ويصل إلى المكتب كل ما يفعله.</translation>
        </message>
        <message>
            <source>Patient tablet to hand the consent to</source>
            <translation>الجهاز اللوحي الذي تُسلَّم إليه الموافقة</translation>
        </message>
        <message>
            <source>Patient tablet:</source>
            <translation>الجهاز اللوحي للمريض:</translation>
        </message>
        <message>
            <source>Release a tablet that does not answer; steps it sends later are kept and shown, not applied</source>
            <translation>تحرير جهاز لوحي لا يستجيب؛ ما يرسله لاحقاً يُحفظ ويُعرض ولا يُضاف إلى الموافقة</translation>
        </message>
        <message>
            <source>Release the tablet</source>
            <translation>تحرير الجهاز اللوحي</translation>
        </message>
        <message>
            <source>Take &amp;back</source>
            <translation>استعادة الموافقة</translation>
        </message>
        <message>
            <source>Take the consent back from the tablet</source>
            <translation>استعادة الموافقة من الجهاز اللوحي</translation>
        </message>
        <message>
            <source>Taking back from %1: waiting for the tablet to send what it holds.</source>
            <translation>جارٍ الاستعادة من %1: في انتظار أن يرسل الجهاز اللوحي ما لديه.</translation>
        </message>
        <message>
            <source>The tablet does not answer; you may release it.</source>
            <translation>الجهاز اللوحي لا يستجيب؛ يمكنك تحريره.</translation>
        </message>
        <message>
            <source>The tablet has not been heard from for %1 s.</source>
            <translation>لم يصل من الجهاز اللوحي شيء منذ %1 ثانية.</translation>
        </message>
        <message>
            <source>busy</source>
            <translation>مشغول</translation>
        </message>
        <message>
            <source>closed by staff on the tablet</source>
            <translation>أغلقها أحد الفريق على الجهاز اللوحي</translation>
        </message>
        <message>
            <source>free</source>
            <translation>متاح</translation>
        </message>
        <message>
            <source>off</source>
            <translation>غير متصل</translation>
        </message>
        <message>
            <source>released</source>
            <translation>حُرِّر الجهاز</translation>
        </message>
        <message>
            <source>taken back</source>
            <translation>استُعيدت</translation>
        </message>
        <message>
            <source>taken back before it opened</source>
            <translation>استُعيدت قبل أن تُفتح</translation>
        </message>
        <message>
            <source>the patient's side has signed</source>
            <translation>وقّع جانب المريض</translation>
        </message>
        <message>
            <source>the tablet restarted</source>
            <translation>أُعيد تشغيل الجهاز اللوحي</translation>
        </message>
    </context>
    <context>
        <name>Messages</name>
        <message>
            <source>Choose what this computer is: a desk, a patient tablet or the records office.</source>
            <translation>اختر نوع هذا الحاسوب: مكتب، أو جهاز لوحي للمريض، أو مكتب السجلات.</translation>
        </message>
        <message>
            <source>Only a PostgreSQL database can be shared by several computers.</source>
            <translation>لا تُشارَك بين عدة حواسيب إلا قاعدة بيانات PostgreSQL.</translation>
        </message>
        <message>
            <source>Steps from the tablet arrived after the consent was given back. They are kept and shown, not added to the consent.</source>
            <translation>وصلت خطوات من الجهاز اللوحي بعد استعادة الموافقة. حُفظت وتُعرض، ولم تُضف إلى الموافقة.</translation>
        </message>
        <message>
            <source>Take the consent back first.</source>
            <translation>استعد الموافقة أولاً.</translation>
        </message>
        <message>
            <source>The connection to the database is lost. This step is kept on the tablet and sent as soon as the connection is back; nothing is lost.</source>
            <translation>انقطع الاتصال بقاعدة البيانات. حُفظت هذه الخطوة على الجهاز اللوحي وستُرسل فور عودة الاتصال؛ لم يضع شيء.</translation>
        </message>
        <message>
            <source>The consent is on a patient tablet. Take it back before sealing or discarding.</source>
            <translation>الموافقة على جهاز لوحي للمريض. استعدها قبل الختم أو الإلغاء.</translation>
        </message>
        <message>
            <source>The consent was taken back by the desk. The step is kept and shown at the desk.</source>
            <translation>استعاد المكتب الموافقة. حُفظت الخطوة وتُعرض في المكتب.</translation>
        </message>
        <message>
            <source>The database address is not valid.</source>
            <translation>عنوان قاعدة البيانات غير صحيح.</translation>
        </message>
        <message>
            <source>The database server cannot be reached. Nothing was saved by this action; try again when the network is back.</source>
            <translation>تعذّر الوصول إلى خادم قاعدة البيانات. لم يُحفظ شيء من هذا الإجراء؛ أعد المحاولة عند عودة الشبكة.</translation>
        </message>
        <message>
            <source>The database server has no database of that name.</source>
            <translation>لا توجد على الخادم قاعدة بيانات بهذا الاسم.</translation>
        </message>
        <message>
            <source>The database server refused the sign-in of this computer. Ask IT to check the role and its password.</source>
            <translation>رفض خادم قاعدة البيانات دخول هذا الحاسوب. اطلب من قسم تقنية المعلومات التحقق من الدور وكلمة مروره.</translation>
        </message>
        <message>
            <source>The encrypted connection to the database server failed: check the hospital's CA certificate and the server's name.</source>
            <translation>فشل الاتصال المشفّر بخادم قاعدة البيانات: تحقّق من شهادة جهة التصديق في المستشفى ومن اسم الخادم.</translation>
        </message>
        <message>
            <source>The station name: 1 to 64 visible characters.</source>
            <translation>اسم المحطة: من حرف واحد إلى 64 حرفاً ظاهراً.</translation>
        </message>
        <message>
            <source>The tablet's session changed meanwhile. Look at its state and try again.</source>
            <translation>تغيّرت جلسة الجهاز اللوحي في هذه الأثناء. راجع حالتها وأعد المحاولة.</translation>
        </message>
        <message>
            <source>This consent was changed at another station meanwhile. Look at it again, then make your correction.</source>
            <translation>غُيّرت هذه الموافقة في محطة أخرى في هذه الأثناء. راجعها مرة أخرى، ثم أجرِ تصحيحك.</translation>
        </message>
        <message>
            <source>The target database already holds data. Use an empty database.</source>
            <translation>قاعدة البيانات الهدف فيها بيانات. استخدم قاعدة بيانات فارغة.</translation>
        </message>
        <message>
            <source>There is no such patient tablet.</source>
            <translation>لا يوجد جهاز لوحي للمريض بهذا الاسم.</translation>
        </message>
        <message>
            <source>This consent was not handed to this tablet.</source>
            <translation>لم تُسلَّم هذه الموافقة إلى هذا الجهاز اللوحي.</translation>
        </message>
        <message>
            <source>This tablet is not switched on or not connected.</source>
            <translation>هذا الجهاز اللوحي غير مشغّل أو غير متصل.</translation>
        </message>
        <message>
            <source>This tablet is showing another patient's consent. Choose another tablet.</source>
            <translation>يعرض هذا الجهاز اللوحي موافقة مريض آخر. اختر جهازاً آخر.</translation>
        </message>
    </context>
    <context>
        <name>RecordsOffice</name>
        <message>
            <source>Open the &amp;archive</source>
            <translation>فتح الأرشيف</translation>
        </message>
        <message>
            <source>Open the archive</source>
            <translation>فتح الأرشيف</translation>
        </message>
        <message>
            <source>Records office</source>
            <translation>مكتب السجلات</translation>
        </message>
        <message>
            <source>Search the archive, preview and print records, export a period and check seals. No consent is taken on this computer.</source>
            <translation>البحث في الأرشيف، ومعاينة السجلات وطباعتها، وتصدير فترة، والتحقق من الأختام. لا تؤخذ موافقات على هذا الحاسوب.</translation>
        </message>
        <message>
            <source>This computer is the records office: only administrators sign in here. Consents are taken at the desks.</source>
            <translation>هذا الحاسوب مكتب السجلات: لا يدخل إليه إلا المشرفون. تؤخذ الموافقات في المكاتب.</translation>
        </message>
    </context>
    <context>
        <name>StationSetup</name>
        <message>
            <source>&amp;Test the connection</source>
            <translation>اختبار الاتصال</translation>
        </message>
        <message>
            <source>Certificates (*.pem *.crt)</source>
            <translation>الشهادات (*.pem *.crt)</translation>
        </message>
        <message>
            <source>Choose the hospital's CA certificate file</source>
            <translation>اختيار ملف شهادة جهة التصديق في المستشفى</translation>
        </message>
        <message>
            <source>Choose…</source>
            <translation>اختيار…</translation>
        </message>
        <message>
            <source>Connected: %1; %2.</source>
            <translation>تم الاتصال: %1؛ %2.</translation>
        </message>
        <message>
            <source>Database</source>
            <translation>قاعدة البيانات</translation>
        </message>
        <message>
            <source>Database name</source>
            <translation>اسم قاعدة البيانات</translation>
        </message>
        <message>
            <source>Database password</source>
            <translation>كلمة مرور قاعدة البيانات</translation>
        </message>
        <message>
            <source>Database role (user name)</source>
            <translation>دور قاعدة البيانات (اسم المستخدم)</translation>
        </message>
        <message>
            <source>Database server name or address</source>
            <translation>اسم خادم قاعدة البيانات أو عنوانه</translation>
        </message>
        <message>
            <source>Database server port</source>
            <translation>منفذ خادم قاعدة البيانات</translation>
        </message>
        <message>
            <source>Encrypted, without checking the server's certificate</source>
            <translation>مشفّر، دون التحقق من شهادة الخادم</translation>
        </message>
        <message>
            <source>Encrypted; the server's certificate is checked against the hospital's CA</source>
            <translation>مشفّر، ويُتحقق من شهادة الخادم بجهة التصديق في المستشفى</translation>
        </message>
        <message>
            <source>Encryption</source>
            <translation>التشفير</translation>
        </message>
        <message>
            <source>Encryption of the connection</source>
            <translation>تشفير الاتصال</translation>
        </message>
        <message>
            <source>Hospital CA</source>
            <translation>جهة التصديق في المستشفى</translation>
        </message>
        <message>
            <source>Not encrypted (a test server only)</source>
            <translation>غير مشفّر (لخادم تجريبي فقط)</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>كلمة المرور</translation>
        </message>
        <message>
            <source>Port</source>
            <translation>المنفذ</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>الدور</translation>
        </message>
        <message>
            <source>Server</source>
            <translation>الخادم</translation>
        </message>
        <message>
            <source>Station name</source>
            <translation>اسم المحطة</translation>
        </message>
        <message>
            <source>Station name (shown in the title bar)</source>
            <translation>اسم المحطة (يظهر في شريط العنوان)</translation>
        </message>
        <message>
            <source>Test the connection to the database server</source>
            <translation>اختبار الاتصال بخادم قاعدة البيانات</translation>
        </message>
        <message>
            <source>The hospital's CA certificate</source>
            <translation>شهادة جهة التصديق في المستشفى</translation>
        </message>
        <message>
            <source>The hospital's CA certificate (PEM)</source>
            <translation>شهادة جهة التصديق في المستشفى (PEM)</translation>
        </message>
        <message>
            <source>The shared database (PostgreSQL)</source>
            <translation>قاعدة البيانات المشتركة (PostgreSQL)</translation>
        </message>
        <message>
            <source>This computer &amp;joins an existing database…</source>
            <translation>ينضم هذا الحاسوب إلى قاعدة بيانات قائمة…</translation>
        </message>
        <message>
            <source>This computer as a station</source>
            <translation>هذا الحاسوب محطةً</translation>
        </message>
        <message>
            <source>This computer is</source>
            <translation>هذا الحاسوب</translation>
        </message>
        <message>
            <source>This computer joins an existing shared database (several desks, a patient tablet, the records office)</source>
            <translation>ينضم هذا الحاسوب إلى قاعدة بيانات مشتركة قائمة (عدة مكاتب، وجهاز لوحي للمريض، ومكتب السجلات)</translation>
        </message>
        <message>
            <source>a patient tablet (the patient reads and signs here)</source>
            <translation>جهاز لوحي للمريض (يقرأ المريض ويوقّع عليه)</translation>
        </message>
        <message>
            <source>a pre-op desk (consents are taken here)</source>
            <translation>مكتب ما قبل الإجراء (تؤخذ فيه الموافقات)</translation>
        </message>
        <message>
            <source>the database is empty: set up the institution from the first desk</source>
            <translation>قاعدة البيانات فارغة: أعدّ بيانات المؤسسة من المكتب الأول</translation>
        </message>
        <message>
            <source>the database is ready</source>
            <translation>قاعدة البيانات جاهزة</translation>
        </message>
        <message>
            <source>the database was written by a newer program: update this one first</source>
            <translation>كتب قاعدةَ البيانات إصدارٌ أحدث من البرنامج: حدّث هذا البرنامج أولاً</translation>
        </message>
        <message>
            <source>the database will be brought up to date</source>
            <translation>ستُحدَّث قاعدة البيانات</translation>
        </message>
        <message>
            <source>the records office (the archive, for administrators)</source>
            <translation>مكتب السجلات (الأرشيف، للمشرفين)</translation>
        </message>
    </context>
    <context>
        <name>Stations</name>
        <message>
            <source>A member of the team will open your consent form on this tablet.</source>
            <translation>سيفتح أحد أعضاء الفريق نموذج موافقتك على هذا الجهاز اللوحي.</translation>
        </message>
        <message>
            <source>Consent desk</source>
            <translation>مكتب الموافقات</translation>
        </message>
        <message>
            <source>Please wait</source>
            <translation>يرجى الانتظار</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>للفريق</translation>
        </message>
        <message>
            <source>Staff only: leave the tablet screen with a password</source>
            <translation>للفريق فقط: مغادرة شاشة الجهاز اللوحي بكلمة مرور</translation>
        </message>
        <message>
            <source>State of the connection</source>
            <translation>حالة الاتصال</translation>
        </message>
        <message>
            <source>Steps of a patient kept on this tablet: %1. They are sent as soon as the database can be reached.</source>
            <translation>خطوات مريض محفوظة على هذا الجهاز اللوحي: %1. تُرسل فور إمكان الوصول إلى قاعدة البيانات.</translation>
        </message>
        <message>
            <source>The database cannot be reached. Nothing is lost: the tablet keeps trying.</source>
            <translation>تعذّر الوصول إلى قاعدة البيانات. لم يضع شيء: يواصل الجهاز اللوحي المحاولة.</translation>
        </message>
        <message>
            <source>Waiting screen</source>
            <translation>شاشة الانتظار</translation>
        </message>
        <message>
            <source>desk</source>
            <translation>مكتب</translation>
        </message>
        <message>
            <source>patient tablet</source>
            <translation>جهاز لوحي للمريض</translation>
        </message>
        <message>
            <source>records office</source>
            <translation>مكتب السجلات</translation>
        </message>
    </context>
</TS>
