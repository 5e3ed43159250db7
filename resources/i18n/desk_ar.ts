<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>Messages</name>
        <message>
            <source>No institution seal is set up: only demonstration consents can be sealed. An administrator sets up the hospital's token or certificate.</source>
            <translation>لم يُعدّ ختم المؤسسة: لا يمكن ختم إلا موافقات تجريبية. يُعدّ المسؤول الجهاز الأمني أو شهادة المستشفى.</translation>
        </message>
        <message>
            <source>The seal is locked: sign out and sign in again at this station, giving its PIN or passphrase with your password; or an administrator gives it (Administration, Institution). The consent is kept.</source>
            <translation>الختم مقفل: سجّل الخروج ثم ادخل مجددًا في هذه المحطة، وأدخل رمزه أو عبارة مروره مع كلمة المرور؛ أو يُدخله المسؤول (الإدارة، المؤسسة). الموافقة محفوظة.</translation>
        </message>
        <message>
            <source>Type the seal&apos;s PIN or passphrase.</source>
            <translation>اكتب رمز الختم أو عبارة مروره.</translation>
        </message>
        <message>
            <source>The seal's certificate does not chain to the trust file installed by IT. The desk does not seal with it.</source>
            <translation>شهادة الختم لا ترتبط بملف الثقة الذي ثبّته قسم تقنية المعلومات. لا يختم المكتب بها.</translation>
        </message>
        <message>
            <source>The key found is not the registered seal. An administrator must import it.</source>
            <translation>المفتاح الموجود ليس الختم المسجَّل. يجب أن يستورده المسؤول.</translation>
        </message>
        <message>
            <source>The certificate file must be protected by a passphrase.</source>
            <translation>يجب أن يكون ملف الشهادة محمياً بعبارة مرور.</translation>
        </message>
        <message>
            <source>The token refused the PIN.</source>
            <translation>رفض الجهاز الأمني الرمز.</translation>
        </message>
        <message>
            <source>The token cannot be opened. Check the module, the token's name and that it is plugged in.</source>
            <translation>تعذّر فتح الجهاز الأمني. تحقق من الوحدة واسم الجهاز ومن أنه موصول.</translation>
        </message>
        <message>
            <source>The token has no key and certificate with this name.</source>
            <translation>لا يحوي الجهاز الأمني مفتاحاً وشهادة بهذا الاسم.</translation>
        </message>
        <message>
            <source>The timestamp server did not answer, or its certificate is not trusted.</source>
            <translation>لم يستجب خادم الختم الزمني، أو أن شهادته غير موثوقة.</translation>
        </message>
        <message>
            <source>The trust file cannot be read. Ask IT to install it.</source>
            <translation>تعذّرت قراءة ملف الثقة. اطلب من قسم تقنية المعلومات تثبيته.</translation>
        </message>
        <message>
            <source>The trust file must not be in the data folder. Ask IT to install it in its place.</source>
            <translation>يجب ألا يكون ملف الثقة في مجلد البيانات. اطلب من قسم تقنية المعلومات تثبيته في مكانه.</translation>
        </message>
        <message>
            <source>The trust file can be changed by users other than the administrator. Ask IT to fix its permissions.</source>
            <translation>يمكن لمستخدمين غير المسؤول تغيير ملف الثقة. اطلب من قسم تقنية المعلومات تصحيح صلاحياته.</translation>
        </message>
        <message>
            <source>No trust file is installed. Ask IT to install it.</source>
            <translation>لم يُثبَّت ملف الثقة. اطلب من قسم تقنية المعلومات تثبيته.</translation>
        </message>
        <message>
            <source>The validation data could not be gathered from the certificate authority.</source>
            <translation>تعذّر جمع بيانات التحقق من جهة إصدار الشهادات.</translation>
        </message>
    <message>
        <source>The team's phone numbers are not set. The patient must be given them: an administrator sets them in Settings.</source>
        <translation>أرقام هاتف الفريق غير مضبوطة. يجب أن يُعطى المريض هذه الأرقام: يضبطها المسؤول في الإعدادات.</translation>
    </message>
    <message>
        <source>Write the number as dialled locally: digits, groups joined by '-' (e.g. 011-234-5678), without spaces or '+'.</source>
        <translation>اكتب الرقم كما يُطلب محلياً: أرقام، وتُفصل المجموعات بـ '-' (مثل ⁦011-234-5678⁩)، دون مسافات أو '+'.</translation>
    </message>
    <message>
        <source>The patient has not answered the separate questions yet (a biopsy, an additional level).</source>
        <translation>لم يُجب المريض بعد عن الأسئلة المنفصلة (أخذ عينة من العظم، علاج فقرة إضافية).</translation>
    </message>
    <message>
        <source>This is not one of the form's questions.</source>
        <translation>هذا ليس من أسئلة النموذج.</translation>
    </message>
    <message>
        <source>The answer is yes or no.</source>
        <translation>الإجابة نعم أو لا.</translation>
    </message>
    <message>
        <source>Please choose the planned anaesthesia.</source>
        <translation>اختر نوع التخدير المخطط.</translation>
    </message>
    <message>
        <source>A physician answers this item.</source>
        <translation>يجيب الطبيب عن هذا البند.</translation>
    </message>
    <message>
        <source>The value must lie between {minimum} and {maximum}: check for a typing error.</source>
        <translation>يجب أن تكون القيمة بين {minimum} و{maximum}: تحقق من خطأ في الكتابة.</translation>
    </message>
    <message>
        <source>This answer does not fit this patient's indication.</source>
        <translation>هذه الإجابة لا تناسب سبب الإجراء لهذا المريض.</translation>
    </message>
    <message>
        <source>Complete every field of each line.</source>
        <translation>أكمل كل خانات كل سطر.</translation>
    </message>
    <message>
        <source>The same medicine is listed twice.</source>
        <translation>الدواء نفسه مذكور مرتين.</translation>
    </message>
    <message>
        <source>Planned anaesthesia</source>
        <translation>التخدير المخطط</translation>
    </message>
    <message>
        <source>Responsible consultant</source>
        <translation>الاستشاري المسؤول</translation>
    </message>
    <message>
        <source>The team's number in working hours</source>
        <translation>رقم الفريق في أوقات الدوام</translation>
    </message>
    <message>
        <source>The team's number after hours</source>
        <translation>رقم الفريق بعد الدوام</translation>
    </message>
    <message>
        <source>This account is locked after too many attempts. Try again in a few minutes.</source>
        <translation>هذا الحساب مقفل بعد محاولات دخول كثيرة خاطئة. حاول مرة أخرى بعد بضع دقائق.</translation>
    </message>
    <message>
        <source>This account is disabled. Ask an administrator.</source>
        <translation>هذا الحساب معطّل. راجع مسؤول النظام.</translation>
    </message>
    <message>
        <source>Please sign in first.</source>
        <translation>يرجى تسجيل الدخول أولًا.</translation>
    </message>
    <message>
        <source>Your role does not allow this action.</source>
        <translation>صلاحيات دورك لا تسمح بهذا الإجراء.</translation>
    </message>
    <message>
        <source>Please fill in: {field}.</source>
        <translation>يرجى تعبئة: {field}.</translation>
    </message>
    <message>
        <source>{field} contains an invisible character. Please type it again.</source>
        <translation>يحتوي {field} على حرف غير مرئي. يرجى كتابته من جديد.</translation>
    </message>
    <message>
        <source>{field} is too long.</source>
        <translation>{field} أطول من المسموح.</translation>
    </message>
    <message>
        <source>A name cannot contain digits.</source>
        <translation>لا يجوز أن يحتوي الاسم على أرقام.</translation>
    </message>
    <message>
        <source>The name contains a character that is not part of a name.</source>
        <translation>يحتوي الاسم على حرف ليس من حروف الأسماء.</translation>
    </message>
    <message>
        <source>{field} may contain only letters, digits, &apos;-&apos; and &apos;/&apos;.</source>
        <translation>يقبل {field} الحروف والأرقام و«-» و«/» فقط.</translation>
    </message>
    <message>
        <source>Please enter the date as year-month-day.</source>
        <translation>يرجى إدخال التاريخ بالصيغة سنة-شهر-يوم.</translation>
    </message>
    <message>
        <source>The birth date must lie between 1900 and today.</source>
        <translation>يجب أن يقع تاريخ الميلاد بين عام 1900 واليوم.</translation>
    </message>
    <message>
        <source>Please choose the patient&apos;s sex.</source>
        <translation>يرجى اختيار جنس المريض.</translation>
    </message>
    <message>
        <source>Choose at least one vertebral level.</source>
        <translation>اختر فقرة واحدة على الأقل.</translation>
    </message>
    <message>
        <source>Too many levels for one procedure.</source>
        <translation>عدد الفقرات أكثر من المسموح في إجراء واحد.</translation>
    </message>
    <message>
        <source>That is not a vertebral level.</source>
        <translation>هذه ليست فقرة صحيحة.</translation>
    </message>
    <message>
        <source>The fracture date is needed for a fracture.</source>
        <translation>تاريخ الكسر مطلوب في حالات الكسور.</translation>
    </message>
    <message>
        <source>The fracture date cannot be after the procedure date.</source>
        <translation>لا يمكن أن يكون تاريخ الكسر بعد تاريخ الإجراء.</translation>
    </message>
    <message>
        <source>The fracture date cannot be in the future.</source>
        <translation>لا يمكن أن يكون تاريخ الكسر في المستقبل.</translation>
    </message>
    <message>
        <source>The procedure date cannot be in the past.</source>
        <translation>لا يمكن أن يكون تاريخ الإجراء في الماضي.</translation>
    </message>
    <message>
        <source>For this indication the physician must state the complication figure.</source>
        <translation>لهذا الدواعي يجب أن يحدد الطبيب نسبة المضاعفات.</translation>
    </message>
    <message>
        <source>This form version is not approved by a physician yet. It can be used for training only.</source>
        <translation>هذا الإصدار من النموذج لم يعتمده طبيب بعد، ولا يُستخدم إلا للتدريب.</translation>
    </message>
    <message>
        <source>The consent form for this procedure could not be loaded.</source>
        <translation>تعذّر تحميل نموذج الموافقة لهذا الإجراء.</translation>
    </message>
    <message>
        <source>Verify the patient&apos;s identity first.</source>
        <translation>تحقق من هوية المريض أولًا.</translation>
    </message>
    <message>
        <source>Some sections have not been explained yet.</source>
        <translation>بعض الأقسام لم تُشرح بعد.</translation>
    </message>
    <message>
        <source>Signatures are still missing.</source>
        <translation>ما زالت بعض التواقيع ناقصة.</translation>
    </message>
    <message>
        <source>The patient is under 18: a legal representative signs for them.</source>
        <translation>عمر المريض أقل من 18 سنة: يوقّع عنه ممثله القانوني.</translation>
    </message>
    <message>
        <source>A patient with this medical record number is registered with other details. Check the identity; a wrong registration is fixed by a correction.</source>
        <translation>يوجد مريض مسجَّل بهذا الرقم الطبي ببيانات مختلفة. تحقّق من الهوية؛ ويُصحَّح التسجيل الخاطئ بسجل تصحيح.</translation>
    </message>
    <message>
        <source>This consent changed while it was being sealed. Please try again.</source>
        <translation>تغيّرت هذه الموافقة أثناء ختمها. يُرجى المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>The signature pad is empty or holds only a dot. Please sign again.</source>
        <translation>لوحة التوقيع فارغة أو فيها نقطة فقط. يرجى التوقيع مرة أخرى.</translation>
    </message>
    <message>
        <source>This person has already signed.</source>
        <translation>وقّع هذا الشخص من قبل.</translation>
    </message>
    <message>
        <source>This answer is not valid for the item.</source>
        <translation>هذه الإجابة غير صالحة لهذا البند.</translation>
    </message>
    <message>
        <source>Some required checklist items are not answered.</source>
        <translation>بعض بنود قائمة التحقق المطلوبة لم يُجب عنها.</translation>
    </message>
    <message>
        <source>Reconfirm the consent before completing the verification.</source>
        <translation>أعد تأكيد الموافقة قبل إكمال التحقق.</translation>
    </message>
    <message>
        <source>The consent has expired. The patient must consent again.</source>
        <translation>انتهت صلاحية الموافقة، ويجب أن يوافق المريض من جديد.</translation>
    </message>
    <message>
        <source>The form changed since signing. The patient must consent again.</source>
        <translation>تغيّر النموذج منذ التوقيع، ويجب أن يوافق المريض من جديد.</translation>
    </message>
    <message>
        <source>Please give the reason in a few words.</source>
        <translation>يرجى ذكر السبب في بضع كلمات.</translation>
    </message>
    <message>
        <source>This item does not need an override.</source>
        <translation>هذا البند لا يحتاج إلى تجاوز.</translation>
    </message>
    <message>
        <source>The password must have at least 8 characters.</source>
        <translation>يجب ألا تقل كلمة المرور عن 8 أحرف.</translation>
    </message>
    <message>
        <source>This password is too common. Choose another.</source>
        <translation>كلمة المرور هذه شائعة جدًا. اختر غيرها.</translation>
    </message>
    <message>
        <source>The password must not contain the username.</source>
        <translation>يجب ألا تحتوي كلمة المرور على اسم المستخدم.</translation>
    </message>
    <message>
        <source>Username: 2-32 lower-case Latin letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;.</source>
        <translation>اسم المستخدم: من 2 إلى 32 من الحروف اللاتينية الصغيرة أو الأرقام أو «.» أو «_» أو «-».</translation>
    </message>
    <message>
        <source>This username is already in use.</source>
        <translation>اسم المستخدم هذا مستخدم من قبل.</translation>
    </message>
    <message>
        <source>The certificate file could not be opened. Check the file and its password.</source>
        <translation>تعذّر فتح ملف الشهادة. تحقق من الملف ومن كلمة مروره.</translation>
    </message>
    <message>
        <source>The database is busy. Please try again.</source>
        <translation>قاعدة البيانات مشغولة. يرجى المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>The record could not be saved. Nothing was changed; please try again.</source>
        <translation>تعذّر حفظ السجل ولم يتغير شيء. يرجى المحاولة مرة أخرى.</translation>
    </message>
    <message>
        <source>This consent is already completed.</source>
        <translation>هذه الموافقة مكتملة من قبل.</translation>
    </message>
    <message>
        <source>This setting value is not valid.</source>
        <translation>قيمة هذا الإعداد غير صالحة.</translation>
    </message>
    <message>
        <source>The institution is already set up.</source>
        <translation>تم إعداد المنشأة من قبل.</translation>
    </message>
    <message>
        <source>The password is too long.</source>
        <translation>كلمة المرور أطول من المسموح.</translation>
    </message>
    <message>
        <source>The seal key or certificate file is missing from the data folder.</source>
        <translation>مفتاح الختم أو ملف الشهادة مفقود من مجلد البيانات.</translation>
    </message>
    <message>
        <source>The data folder is on a network share. The database must be on a local disk.</source>
        <translation>مجلد البيانات موجود على مشاركة شبكية، ويجب أن تكون قاعدة البيانات على قرص محلي.</translation>
    </message>
    <message>
        <source>The database could not be brought up to date. Nothing was changed.</source>
        <translation>تعذّر تحديث قاعدة البيانات، ولم يتغير شيء.</translation>
    </message>
    <message>
        <source>Please choose the indication.</source>
        <translation>يرجى اختيار دواعي الإجراء.</translation>
    </message>
    <message>
        <source>Please choose the procedure.</source>
        <translation>يرجى اختيار الإجراء.</translation>
    </message>
    <message>
        <source>Signatures have been collected; the decision can no longer be changed.</source>
        <translation>جُمعت التواقيع، ولم يعد بالإمكان تغيير القرار.</translation>
    </message>
    <message>
        <source>Only the patient or the representative may sign with a mark.</source>
        <translation>لا يوقّع بعلامة إلا المريض أو من يمثله.</translation>
    </message>
    <message>
        <source>Too many questions are recorded for one consent.</source>
        <translation>عدد الأسئلة المسجلة أكثر من المسموح لموافقة واحدة.</translation>
    </message>
    <message>
        <source>Please choose a file name, not a folder.</source>
        <translation>يرجى اختيار اسم ملف، لا مجلد.</translation>
    </message>
    <message>
        <source>The file could not be written there. Please choose another place.</source>
        <translation>تعذّرت كتابة الملف في هذا المكان. يرجى اختيار مكان آخر.</translation>
    </message>
    <message>
        <source>This record could not be found.</source>
        <translation>لم يُعثر على هذا السجل.</translation>
    </message>
    <message>
        <source>This consent in progress could not be found.</source>
        <translation>لم يُعثر على هذه الموافقة قيد الإعداد.</translation>
    </message>
    <message>
        <source>No signed consent was found for this verification.</source>
        <translation>لم يُعثر على موافقة موقّعة لهذا التحقق.</translation>
    </message>
    <message>
        <source>The action could not be completed.</source>
        <translation>تعذّر إتمام الإجراء.</translation>
    </message>
    <message>
        <source>Name (Arabic)</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <source>Name (Latin)</source>
        <translation>الاسم بالحروف اللاتينية</translation>
    </message>
    <message>
        <source>Medical record number</source>
        <translation>رقم الملف الطبي</translation>
    </message>
    <message>
        <source>National ID</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <source>Fracture date</source>
        <translation>تاريخ الكسر</translation>
    </message>
    <message>
        <source>Procedure date</source>
        <translation>تاريخ الإجراء</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>السؤال</translation>
    </message>
    <message>
        <source>Institution name (Arabic)</source>
        <translation>اسم المنشأة بالعربية</translation>
    </message>
    <message>
        <source>Institution name (English)</source>
        <translation>اسم المنشأة بالإنجليزية</translation>
    </message>
    <message>
        <source>Emergency number</source>
        <translation>رقم الطوارئ</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Complication figure</source>
        <translation>نسبة المضاعفات</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>الإجابة</translation>
    </message>
    <message>
        <source>Teach-back answer</source>
        <translation>إجابة إعادة الشرح</translation>
    </message>
    <message>
        <source>Name of the signer</source>
        <translation>اسم الموقّع</translation>
    </message>
    <message>
        <source>Relationship to the patient</source>
        <translation>صلة القرابة بالمريض</translation>
    </message>
    <message>
        <source>Why the patient cannot decide</source>
        <translation>سبب عدم قدرة المريض على اتخاذ القرار</translation>
    </message>
    <message>
        <source>Language interpreted</source>
        <translation>لغة الترجمة</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>لا يمكن المتابعة</translation>
    </message>
    <message>
        <source>Error message</source>
        <translation>رسالة خطأ</translation>
    </message>
    <message>
        <source>Wrong username or password, or the account must wait a few minutes before the next attempt.</source>
        <translation>اسم المستخدم أو كلمة المرور غير صحيحة، أو أن على الحساب الانتظار بضع دقائق قبل المحاولة التالية.</translation>
    </message>
    <message>
        <source>Too many failed sign-ins at this desk. Wait a moment and try again.</source>
        <translation>محاولات دخول خاطئة كثيرة على هذا المكتب. انتظر قليلًا ثم حاول مرة أخرى.</translation>
    </message>
    <message>
        <source>This account was changed outside the program. An administrator must resolve it before it can be used.</source>
        <translation>عُدّل هذا الحساب خارج البرنامج. يجب أن يعالجه مسؤول النظام قبل استخدامه.</translation>
    </message>
    <message>
        <source>A second staff member must witness: type their username and password.</source>
        <translation>يجب أن يشهد موظف آخر: اكتب اسم المستخدم وكلمة المرور الخاصين به.</translation>
    </message>
    <message>
        <source>The witness must be another staff member, not you.</source>
        <translation>يجب أن يكون الشاهد موظفًا آخر غيرك.</translation>
    </message>
    <message>
        <source>This account's password was changed outside the program: give it a new password.</source>
        <translation>غُيّرت كلمة مرور هذا الحساب خارج البرنامج: عيّن له كلمة مرور جديدة.</translation>
    </message>
    <message>
        <source>Another administrator must resolve your own account.</source>
        <translation>يعالج حسابك مسؤولُ نظام آخر.</translation>
    </message>
    <message>
        <source>The database no longer protects signed records: a protection trigger is missing or altered. An administrator runs 'audit verify' to see what changed, then 'audit protect'.</source>
        <translation>لم تعد قاعدة البيانات تحمي السجلات الموقّعة: أحد مشغّلات الحماية مفقود أو معدَّل. يشغّل مسؤول النظام 'audit verify' لمعرفة ما تغيّر، ثم 'audit protect'.</translation>
    </message>
    <message>
        <source>The archive's copy of this record differs from its seal. Check the archive (Verify) and tell an administrator.</source>
        <translation>نسخة الأرشيف من هذا السجل تخالف ختمه. تحقّق من الأرشيف (التحقق) وأبلغ مسؤول النظام.</translation>
    </message>
    <message>
        <source>Write the name in Arabic letters.</source>
        <translation>اكتب الاسم بالحروف العربية.</translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>About the consent desk</source>
        <translation>حول مكتب الموافقات</translation>
    </message>
    <message>
        <source>Vertebroplasty and kyphoplasty consent desk</source>
        <translation>مكتب موافقات رأب الفقرات وتقويم الحدبة</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>الإصدار</translation>
    </message>
    <message>
        <source>Source revision</source>
        <translation>مراجعة المصدر</translation>
    </message>
    <message>
        <source>Consent forms</source>
        <translation>نماذج الموافقة</translation>
    </message>
    <message>
        <source>Libraries</source>
        <translation>المكتبات البرمجية</translation>
    </message>
    <message>
        <source>None found</source>
        <translation>لم يُعثر على أي نموذج</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>العربية</translation>
    </message>
    <message>
        <source>English</source>
        <translation>الإنجليزية</translation>
    </message>
    <message>
        <source>%1 (%2): version %3, %4</source>
        <translation>%1 (%2): الإصدار %3، %4</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Set up the consent desk</source>
        <translation>إعداد مكتب الموافقات</translation>
    </message>
    <message>
        <source>This is the first start. Enter the institution&apos;s names, create the first administrator and choose the certificate that seals the records.</source>
        <translation>هذا أول تشغيل للبرنامج. أدخل اسم المنشأة، وأنشئ حساب أول مسؤول للنظام، واختر الشهادة التي تُختم بها السجلات.</translation>
    </message>
    <message>
        <source>Institution</source>
        <translation>المنشأة</translation>
    </message>
    <message>
        <source>Name in &amp;Arabic</source>
        <translation>الاسم بالعربية</translation>
    </message>
    <message>
        <source>Name in &amp;English</source>
        <translation>الاسم بالإنجليزية</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>أول مسؤول للنظام</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>Latin letters, e.g. admin.name</source>
        <translation>بحروف لاتينية، مثل admin.name</translation>
    </message>
    <message>
        <source>Full name in Ara&amp;bic</source>
        <translation>الاسم الكامل بالعربية</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Password a&amp;gain</source>
        <translation>تأكيد كلمة المرور</translation>
    </message>
    <message>
        <source>At least 8 characters; not a common password; not containing the username.</source>
        <translation>ثمانية أحرف على الأقل، وألا تكون كلمة مرور شائعة، وألا تحتوي على اسم المستخدم.</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>شهادة الختم الرقمي</translation>
    </message>
    <message>
        <source>Create a self-signed certificate (for demonstration and training)</source>
        <translation>إنشاء شهادة ذاتية التوقيع (للعرض والتدريب)</translation>
    </message>
    <message>
        <source>Import the hospital&apos;s certificate (PKCS#12 file)</source>
        <translation>استيراد شهادة المستشفى (ملف PKCS#12)</translation>
    </message>
    <message>
        <source>Certificate &amp;file</source>
        <translation>ملف الشهادة</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <source>Choose the certificate file</source>
        <translation>اختيار ملف الشهادة</translation>
    </message>
    <message>
        <source>Certificate pass&amp;word</source>
        <translation>كلمة مرور الشهادة</translation>
    </message>
    <message>
        <source>Complete set-up</source>
        <translation>إتمام الإعداد</translation>
    </message>
    <message>
        <source>PKCS#12 certificates (*.p12 *.pfx)</source>
        <translation>شهادات PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>The two passwords are not the same. Please type the password again.</source>
        <translation>كلمتا المرور غير متطابقتين. يرجى كتابة كلمة المرور مرة أخرى.</translation>
    </message>
    <message>
        <source>Choose the certificate file, or create a self-signed certificate.</source>
        <translation>اختر ملف الشهادة، أو أنشئ شهادة ذاتية التوقيع.</translation>
    </message>
    <message>
        <source>The certificate file could not be read.</source>
        <translation>تعذّرت قراءة ملف الشهادة.</translation>
    </message>
</context>
<context>
    <name>FlowPlaceholder</name>
    <message>
        <source>The consent pages are not available in this version of the program.</source>
        <translation>صفحات الموافقة غير متاحة في هذا الإصدار من البرنامج.</translation>
    </message>
    <message>
        <source>Back to Today</source>
        <translation>العودة إلى صفحة اليوم</translation>
    </message>
</context>
<context>
    <name>Launch</name>
    <message>
        <source>The data folder is on a network share. The database must be on a local disk.</source>
        <translation>مجلد البيانات موجود على مشاركة شبكية، ويجب أن تكون قاعدة البيانات على قرص محلي.</translation>
    </message>
    <message>
        <source>The data folder could not be opened.</source>
        <translation>تعذّر فتح مجلد البيانات.</translation>
    </message>
    <message>
        <source>The folder cannot be read or written.</source>
        <translation>لا يمكن القراءة من المجلد أو الكتابة فيه.</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>تعذّر بدء التشغيل</translation>
    </message>
    <message>
        <source>Folder: %1</source>
        <translation>المجلد: %1</translation>
    </message>
    <message>
        <source>This installation cannot be used: PySide6 %1 on Python %2 has a fault that would close the program while a patient signs.

Ask IT to install the program from its installer or its lock file (packaging/lock/app.txt), or to use Python 3.12 or newer.</source>
        <translation>لا يمكن استخدام هذا التثبيت: في PySide6 %1 مع Python %2 خللٌ يُغلق البرنامج أثناء توقيع المريض.

اطلب من قسم تقنية المعلومات تثبيت البرنامج من برنامج التثبيت الخاص به أو من ملف الإصدارات المثبّتة (packaging/lock/app.txt)، أو استخدام Python 3.12 أو أحدث.</translation>
    </message>
</context>
<context>
    <name>GeneratorDialog</name>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Screen locked</source>
        <translation>الشاشة مقفلة</translation>
    </message>
    <message>
        <source>Signed in: %1. The work in progress is kept.</source>
        <translation>المستخدم الحالي: %1. العمل الجاري محفوظ كما هو.</translation>
    </message>
    <message>
        <source>Password of %1</source>
        <translation>كلمة مرور %1</translation>
    </message>
    <message>
        <source>Password to unlock</source>
        <translation>كلمة المرور لفتح القفل</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>فتح القفل</translation>
    </message>
    <message>
        <source>Sign out (someone else)</source>
        <translation>تسجيل الخروج (مستخدم آخر)</translation>
    </message>
    <message>
        <source>Signs this staff member out; the consent in progress stays as a draft.</source>
        <translation>يُخرج هذا المستخدم، وتبقى الموافقة الجارية محفوظة مسودةً.</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Sign in to the consent desk</source>
        <translation>تسجيل الدخول إلى مكتب الموافقات</translation>
    </message>
    <message>
        <source>&amp;Username</source>
        <translation>اسم المستخدم</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>تسجيل الدخول</translation>
    </message>
    <message>
        <source>Please type your username.</source>
        <translation>يرجى كتابة اسم المستخدم.</translation>
    </message>
    <message>
        <source>Changed outside the program, refused until an administrator resolves them: %1</source>
        <translation>حسابات عُدّلت خارج البرنامج، مرفوضة حتى يعالجها مسؤول النظام: %1</translation>
    </message>
    <message>
        <source>&amp;Seal PIN</source>
        <translation>الرمز السري للختم</translation>
    </message>
    <message>
        <source>Seal PIN</source>
        <translation>الرمز السري للختم</translation>
    </message>
    <message>
        <source>&amp;Seal passphrase</source>
        <translation>عبارة مرور الختم</translation>
    </message>
    <message>
        <source>Seal passphrase</source>
        <translation>عبارة مرور الختم</translation>
    </message>
    <message>
        <source>Optional: unlocks the institution&apos;s seal at this station until the program is closed, so that consents can be sealed.</source>
        <translation>اختياري: يفتح ختم المؤسسة في هذه المحطة حتى إغلاق البرنامج، لتُختم الموافقات.</translation>
    </message>
    <message>
        <source>You are signed in, but the institution&apos;s seal stays locked: %1</source>
        <translation>تم تسجيل دخولك، لكن ختم المؤسسة يبقى مقفلًا: %1</translation>
    </message>
    <message>
        <source>The institution&apos;s seal is unlocked at this station until the program is closed.</source>
        <translation>فُتح ختم المؤسسة في هذه المحطة حتى إغلاق البرنامج.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Today</source>
        <translation>اليوم</translation>
    </message>
    <message>
        <source>New consent</source>
        <translation>موافقة جديدة</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>قفل الشاشة</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>تسجيل الخروج</translation>
    </message>
    <message>
        <source>Nurse</source>
        <translation>ممرض/ممرضة</translation>
    </message>
    <message>
        <source>Physician</source>
        <translation>طبيب</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>مسؤول النظام</translation>
    </message>
    <message>
        <source>Consent desk</source>
        <translation>مكتب الموافقات</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <source>Consents are started by nurses and physicians; an administrator&apos;s account manages the desk.</source>
        <translation>يبدأ الموافقاتِ الممرضون والأطباء؛ أما حساب المسؤول فلإدارة المكتب.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>حول البرنامج</translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <source>Vertebroplasty and kyphoplasty consent desk</source>
        <translation>مكتب موافقات رأب الفقرات وتقويم الحدبة</translation>
    </message>
    <message>
        <source>Opening the data folder...</source>
        <translation>جارٍ فتح مجلد البيانات…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>The team's number in &amp;working hours</source>
        <translation>رقم الفريق في أوقات ال&amp;دوام</translation>
    </message>
    <message>
        <source>The team's number &amp;after hours</source>
        <translation>رقم الفريق &amp;بعد الدوام</translation>
    </message>
    <message>
        <source>&amp;Trainees may take part under supervision (patients are told)</source>
        <translation>قد يشارك أطباء &amp;متدربون تحت الإشراف (ويُخبَر المرضى بذلك)</translation>
    </message>
    <message>
        <source>as dialled, e.g. 011-234-5678</source>
        <translation>كما يُطلب، مثل ⁦011-234-5678⁩</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <source>Interface &amp;language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <source>Lock the screen after (&amp;minutes without use)</source>
        <translation>قفل الشاشة بعد (دقائق دون استخدام)</translation>
    </message>
    <message>
        <source>Patient screen rests after (minutes without use)</source>
        <translation>تعود شاشة المريض إلى وضع الانتظار بعد (دقائق دون استخدام)</translation>
    </message>
    <message>
        <source>Screen for the &amp;patient</source>
        <translation>شاشة المريض</translation>
    </message>
    <message>
        <source>&amp;Time zone</source>
        <translation>المنطقة الزمنية</translation>
    </message>
    <message>
        <source>Local &amp;emergency number</source>
        <translation>رقم الطوارئ المحلي</translation>
    </message>
    <message>
        <source>min</source>
        <translation>دقيقة</translation>
    </message>
    <message>
        <source>The same screen as the desk</source>
        <translation>نفس شاشة المكتب</translation>
    </message>
    <message>
        <source>Only an administrator can change the settings other than the language.</source>
        <translation>لا يغيّر الإعدادات غير اللغة إلا مسؤول النظام.</translation>
    </message>
    <message>
        <source>The language applies at once; the other settings apply to everyone at this desk.</source>
        <translation>تُطبَّق اللغة فورًا، وتسري الإعدادات الأخرى على جميع مستخدمي هذا المكتب.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Calendars start the &amp;week on</source>
        <translation>يبدأ الأ&amp;سبوع في التقويم يوم</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>الأحد</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>السبت</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
        <message>
            <source>seal %1</source>
            <translation>الختم %1</translation>
        </message>
    <message>
        <source>Today at the desk</source>
        <translation>اليوم في المكتب</translation>
    </message>
    <message>
        <source>New consent</source>
        <translation>موافقة جديدة</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>تحديث</translation>
    </message>
    <message>
        <source>&amp;Find a patient</source>
        <translation>البحث عن مريض</translation>
    </message>
    <message>
        <source>Name, medical record number or national ID</source>
        <translation>الاسم أو رقم الملف الطبي أو رقم الهوية</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>عرض الكل</translation>
    </message>
    <message>
        <source>Clear the search and show all patients</source>
        <translation>مسح البحث وعرض جميع المرضى</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>المريض</translation>
    </message>
    <message>
        <source>MRN</source>
        <translation>رقم الملف</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>المرحلة</translation>
    </message>
    <message>
        <source>Last saved</source>
        <translation>آخر حفظ</translation>
    </message>
    <message>
        <source>Patients found</source>
        <translation>المرضى المطابقون</translation>
    </message>
    <message>
        <source>Name (Latin)</source>
        <translation>الاسم بالحروف اللاتينية</translation>
    </message>
    <message>
        <source>National ID</source>
        <translation>رقم الهوية</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Consents in progress</source>
        <translation>موافقات قيد الإعداد</translation>
    </message>
    <message>
        <source>No consent in progress.</source>
        <translation>لا توجد موافقة قيد الإعداد.</translation>
    </message>
    <message>
        <source>Waiting for signatures</source>
        <translation>بانتظار التواقيع</translation>
    </message>
    <message>
        <source>No consent is waiting for signatures.</source>
        <translation>لا توجد موافقة بانتظار التواقيع.</translation>
    </message>
    <message>
        <source>Signed, waiting for the procedure</source>
        <translation>موقّعة وبانتظار الإجراء</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>الفقرات</translation>
    </message>
    <message>
        <source>Procedure date</source>
        <translation>تاريخ الإجراء</translation>
    </message>
    <message>
        <source>Readiness</source>
        <translation>الجاهزية</translation>
    </message>
    <message>
        <source>No signed consent is waiting for its procedure.</source>
        <translation>لا توجد موافقة موقّعة بانتظار إجرائها.</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>تنتهي صلاحيتها قريبًا</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>صالحة حتى</translation>
    </message>
    <message>
        <source>No consent expires in the coming days.</source>
        <translation>لا توجد موافقة تنتهي صلاحيتها في الأيام القادمة.</translation>
    </message>
    <message>
        <source>No patient found. Check the spelling, or search by the record number.</source>
        <translation>لم يُعثر على مريض. تحقق من الإملاء، أو ابحث برقم الملف.</translation>
    </message>
    <message>
        <source>List of consents in progress</source>
        <translation>قائمة الموافقات قيد الإعداد</translation>
    </message>
    <message>
        <source>List of consents waiting for signatures</source>
        <translation>قائمة الموافقات بانتظار التواقيع</translation>
    </message>
    <message>
        <source>List of signed consents waiting for the procedure</source>
        <translation>قائمة الموافقات الموقّعة بانتظار الإجراء</translation>
    </message>
    <message>
        <source>List of consents expiring soon</source>
        <translation>قائمة الموافقات التي تنتهي صلاحيتها قريبًا</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>متابعة</translation>
    </message>
    <message>
        <source>Resume the selected consent</source>
        <translation>متابعة الموافقة المحددة</translation>
    </message>
    <message>
        <source>Continue to signatures</source>
        <translation>المتابعة إلى التواقيع</translation>
    </message>
    <message>
        <source>Pre-procedure verification</source>
        <translation>التحقق قبل الإجراء</translation>
    </message>
    <message>
        <source>Open record</source>
        <translation>فتح السجل</translation>
    </message>
    <message>
        <source>Verification of the consent expiring soon</source>
        <translation>التحقق للموافقة التي تنتهي صلاحيتها قريبًا</translation>
    </message>
    <message>
        <source>Open the record expiring soon</source>
        <translation>فتح سجل الموافقة التي تنتهي صلاحيتها قريبًا</translation>
    </message>
    <message>
        <source>Vertebroplasty</source>
        <translation>رأب الفقرات</translation>
    </message>
    <message>
        <source>Kyphoplasty</source>
        <translation>تقويم الحدبة بالبالون</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>بدأت</translation>
    </message>
    <message>
        <source>Identity verified</source>
        <translation>تم التحقق من الهوية</translation>
    </message>
    <message>
        <source>Discussion</source>
        <translation>الشرح والمناقشة</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>قائمة التحقق</translation>
    </message>
    <message>
        <source>Decision recorded</source>
        <translation>سُجّل القرار</translation>
    </message>
    <message>
        <source>Override recorded</source>
        <translation>سُجّل التجاوز</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>التوقيع</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>التحقق</translation>
    </message>
    <message>
        <source>Consent reconfirmed</source>
        <translation>أُعيد تأكيد الموافقة</translation>
    </message>
    <message>
        <source>Ready: verification clear</source>
        <translation>جاهز: التحقق سليم</translation>
    </message>
    <message>
        <source>Not ready: blocked</source>
        <translation>غير جاهز: يوجد مانع</translation>
    </message>
    <message>
        <source>Ready: physician override</source>
        <translation>جاهز: بتجاوز من الطبيب</translation>
    </message>
    <message>
        <source>Not verified yet</source>
        <translation>لم يُتحقق بعد</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>منتهية الصلاحية</translation>
    </message>
    <message>
        <source>demonstration</source>
        <translation>تجريبي</translation>
    </message>
    <message>
        <source>Being registered</source>
        <translation>قيد التسجيل</translation>
    </message>
</context>
</TS>
