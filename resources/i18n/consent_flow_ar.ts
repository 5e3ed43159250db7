<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>ConsentFlow</name>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="46"/>
        <source>1 Patient</source>
        <translation>١ المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="46"/>
        <source>2 Discussion</source>
        <translation>٢ الشرح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="46"/>
        <source>3 Signing</source>
        <translation>٣ التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="46"/>
        <source>4 Record</source>
        <translation>٤ السجل</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="47"/>
        <source>5 Verification</source>
        <translation>٥ التحقق قبل الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="54"/>
        <location filename="../../app/ui/desk/consent_flow.py" line="217"/>
        <source>Patient scr&amp;een</source>
        <translation>شاشة المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="55"/>
        <location filename="../../app/ui/desk/consent_flow.py" line="218"/>
        <source>Open the patient screen for this consent</source>
        <translation>فتح شاشة المريض لهذه الموافقة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="59"/>
        <source>Back to &amp;Today</source>
        <translation>العودة إلى اليوم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="60"/>
        <source>Back to Today (the work is saved)</source>
        <translation>العودة إلى صفحة اليوم (العمل محفوظ)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="102"/>
        <source>(current step)</source>
        <translation>(الخطوة الحالية)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="109"/>
        <source>Patient: %1</source>
        <translation>المريض: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="213"/>
        <source>End the patient scr&amp;een</source>
        <translation>إنهاء شاشة المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="214"/>
        <source>End the patient screen (the patient&apos;s work is saved)</source>
        <translation>إنهاء شاشة المريض (ما أنجزه المريض محفوظ)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="256"/>
        <source>The patient screen is open. A staff password closes it.</source>
        <translation>شاشة المريض مفتوحة. لا تُغلق إلا بكلمة مرور أحد أفراد الفريق.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="268"/>
        <source>The patient has a question about: %1</source>
        <translation>لدى المريض سؤال عن: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="269"/>
        <source>Question</source>
        <translation>سؤال</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="272"/>
        <source>The patient declines the procedure. The refusal is signed on the patient screen.</source>
        <translation>المريض يرفض الإجراء. يُوقَّع الرفض على شاشة المريض.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/consent_flow.py" line="275"/>
        <source>The patient&apos;s side has signed. Close the patient screen; the physician signs here.</source>
        <translation>وقّع المريض ومن معه. أغلق شاشة المريض؛ ويوقّع الطبيب هنا.</translation>
    </message>
    <message>
        <source>(not needed after a refusal)</source>
        <translation>(لا حاجة إليه بعد الرفض)</translation>
    </message>
</context>
<context>
    <name>DiscussionPage</name>
    <message>
        <source>The patient's own yes or no (also asked on the patient screen):</source>
        <translation>إجابة المريض بنعم أو لا (تُسأل أيضاً على شاشة المريض):</translation>
    </message>
    <message>
        <source>Yes, agrees</source>
        <translation>نعم، يوافق</translation>
    </message>
    <message>
        <source>Not answered yet</source>
        <translation>لم يُجب بعد</translation>
    </message>
    <message>
        <source>No, does not agree</source>
        <translation>لا، لا يوافق</translation>
    </message>
    <message>
        <source>Agrees: %1</source>
        <translation>يوافق: %1</translation>
    </message>
    <message>
        <source>Does not agree: %1</source>
        <translation>لا يوافق: %1</translation>
    </message>
    <message>
        <source>✓ Answered on the patient screen</source>
        <translation>✓ أجاب المريض على شاشته</translation>
    </message>
    <message>
        <source>✓ Recorded by %1</source>
        <translation>✓ سجّله %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="61"/>
        <source>Consent discussion</source>
        <translation>شرح الموافقة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="67"/>
        <source>Sections of the form</source>
        <translation>أقسام النموذج</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="81"/>
        <location filename="../../app/ui/desk/discussion_page.py" line="233"/>
        <source>Risk figure</source>
        <translation>نسبة المخاطر</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="89"/>
        <source>Section text</source>
        <translation>نص القسم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="93"/>
        <source>A−</source>
        <translation>أ−</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="94"/>
        <source>Smaller text (Ctrl+-)</source>
        <translation>تصغير النص (Ctrl+-)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="96"/>
        <source>A+</source>
        <translation>أ+</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="97"/>
        <source>Larger text (Ctrl+=)</source>
        <translation>تكبير النص (Ctrl+=)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="103"/>
        <location filename="../../app/ui/desk/discussion_page.py" line="259"/>
        <source>&amp;Explained</source>
        <translation>تم الشرح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="104"/>
        <source>Explained: mark this section as explained</source>
        <translation>تم الشرح: تسجيل أن هذا القسم شُرح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="109"/>
        <source>Questions, teach-back and decision</source>
        <translation>الأسئلة والتحقق من الفهم والقرار</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="110"/>
        <source>Questions</source>
        <translation>الأسئلة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="111"/>
        <location filename="../../app/ui/desk/discussion_page.py" line="161"/>
        <source>Teach-back</source>
        <translation>التحقق من الفهم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="112"/>
        <source>Decision</source>
        <translation>القرار</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="122"/>
        <source>&amp;Continue to signing</source>
        <translation>متابعة إلى التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="123"/>
        <source>Continue to signing</source>
        <translation>متابعة إلى التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="140"/>
        <source>Questions recorded</source>
        <translation>الأسئلة المسجلة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="146"/>
        <source>The patient&apos;s &amp;question</source>
        <translation>سؤال المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="150"/>
        <source>&amp;Answer given</source>
        <translation>الإجابة المقدَّمة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="152"/>
        <source>Record the &amp;question</source>
        <translation>تسجيل السؤال</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="153"/>
        <source>Record the question</source>
        <translation>تسجيل السؤال</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="164"/>
        <source>Ask in your own words; write what the patient answered. Each answer is saved when you leave the field.</source>
        <translation>اسأل بكلماتك، واكتب ما أجاب به المريض. تُحفظ كل إجابة عند مغادرة الحقل.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="173"/>
        <source>An &amp;interpreter was used</source>
        <translation>استُعين بمترجم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="173"/>
        <source>An interpreter was used</source>
        <translation>استُعين بمترجم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="176"/>
        <source>The patient&apos;s decision:</source>
        <translation>قرار المريض:</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="178"/>
        <source>The patient &amp;consents</source>
        <translation>المريض يوافق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="178"/>
        <source>The patient consents</source>
        <translation>المريض يوافق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="179"/>
        <source>The patient &amp;refuses</source>
        <translation>المريض يرفض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="179"/>
        <source>The patient refuses</source>
        <translation>المريض يرفض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="184"/>
        <source>A refusal is signed and sealed too; it records that the risks of not treating were explained.</source>
        <translation>يُوقَّع الرفض ويُختم أيضاً، ويُثبت أن مخاطر عدم العلاج قد شُرحت.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="217"/>
        <source>Explained</source>
        <translation>تم الشرح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="230"/>
        <source>Complications that cause symptoms, for this patient&apos;s indication:</source>
        <translation>نسبة المضاعفات التي تسبب أعراضاً، لسبب الإجراء عند هذا المريض:</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="259"/>
        <source>✓ Explained</source>
        <translation>✓ تم الشرح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/discussion_page.py" line="287"/>
        <location filename="../../app/ui/desk/discussion_page.py" line="329"/>
        <source>✓ Saved</source>
        <translation>✓ حُفظ</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n sections explained</source>
        <translation>
            <numerusform>شُرح %1 من %n أقسام</numerusform>
            <numerusform>شُرح %1 من قسم واحد</numerusform>
            <numerusform>شُرح %1 من قسمين</numerusform>
            <numerusform>شُرح %1 من %n أقسام</numerusform>
            <numerusform>شُرح %1 من %n قسماً</numerusform>
            <numerusform>شُرح %1 من %n قسم</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FlowWidgets</name>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="59"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="60"/>
        <source>Done</source>
        <translation>تم</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="61"/>
        <source>Warning</source>
        <translation>تنبيه</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="62"/>
        <source>Problem</source>
        <translation>مشكلة</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="111"/>
        <source>The fracture will be %1 weeks old on the planned date (more than eight weeks).</source>
        <translation>سيكون عمر الكسر %1 أسبوعاً في موعد الإجراء (أكثر من ثمانية أسابيع).</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="115"/>
        <source>No failed conservative treatment and no immediate criterion is recorded.</source>
        <translation>لم يُسجَّل علاج تحفظي لم ينجح، ولا معيار يستدعي الإجراء فوراً.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="117"/>
        <source>Warning: %1</source>
        <translation>تنبيه: %1</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="49"/>
        <source>Yes</source>
        <translation>نعم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="50"/>
        <source>No</source>
        <translation>لا</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="61"/>
        <source>Choose…</source>
        <translation>اختر…</translation>
    </message>
</context>
<context>
    <name>Messages</name>
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
        <location filename="../../app/ui/common/widgets.py" line="36"/>
        <source>Please choose the indication.</source>
        <translation>يرجى اختيار سبب الإجراء.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="37"/>
        <source>Please choose the procedure.</source>
        <translation>يرجى اختيار الإجراء.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="38"/>
        <source>Signatures have been collected; the decision can no longer be changed.</source>
        <translation>جُمعت التوقيعات، ولم يعد ممكناً تغيير القرار.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="39"/>
        <source>Only the patient or the representative may sign with a mark.</source>
        <translation>لا يوقّع بعلامة إلا المريض أو ممثله.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="40"/>
        <source>Too many questions are recorded for one consent.</source>
        <translation>سُجّل عدد كبير جداً من الأسئلة لموافقة واحدة.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="41"/>
        <source>Please choose a file name, not a folder.</source>
        <translation>يرجى اختيار اسم ملف، لا مجلد.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="42"/>
        <source>The file could not be written there. Please choose another place.</source>
        <translation>تعذّر حفظ الملف في هذا المكان. يرجى اختيار مكان آخر.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="43"/>
        <source>This record could not be found.</source>
        <translation>تعذّر العثور على هذا السجل.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="44"/>
        <source>This consent in progress could not be found.</source>
        <translation>تعذّر العثور على هذه الموافقة الجارية.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="45"/>
        <source>No signed consent was found for this verification.</source>
        <translation>لا توجد موافقة موقّعة لهذا التحقق.</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="46"/>
        <source>Complication figure</source>
        <translation>نسبة المضاعفات</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="47"/>
        <source>Answer</source>
        <translation>الإجابة</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="48"/>
        <source>Teach-back answer</source>
        <translation>إجابة التحقق من الفهم</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="49"/>
        <source>Name of the signer</source>
        <translation>اسم الموقّع</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="50"/>
        <source>Relationship to the patient</source>
        <translation>صلة القرابة بالمريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="51"/>
        <source>Why the patient cannot decide</source>
        <translation>سبب عدم قدرة المريض على القرار</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="52"/>
        <source>Language interpreted</source>
        <translation>لغة الترجمة</translation>
    </message>
    <message>
        <location filename="../../app/ui/common/widgets.py" line="53"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>OverrideDialog</name>
    <message>
        <location filename="../../app/ui/desk/override_dialog.py" line="45"/>
        <source>Physician override</source>
        <translation>تجاوز من الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/override_dialog.py" line="56"/>
        <source>Physician &amp;username</source>
        <translation>اسم مستخدم الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/override_dialog.py" line="59"/>
        <source>&amp;Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/override_dialog.py" line="62"/>
        <source>Why the procedure may go ahead despite this</source>
        <translation>لماذا يمكن المضي في الإجراء رغم ذلك</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/override_dialog.py" line="65"/>
        <source>&amp;Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/override_dialog.py" line="73"/>
        <location filename="../../app/ui/desk/override_dialog.py" line="74"/>
        <source>Confirm</source>
        <translation>تأكيد</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/override_dialog.py" line="76"/>
        <location filename="../../app/ui/desk/override_dialog.py" line="77"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>PatientPage</name>
    <message>
        <source>Planned &amp;anaesthesia</source>
        <translation>التخدير ال&amp;مخطط</translation>
    </message>
    <message>
        <source>The consultant responsible, e.g. Khalid Alshammari</source>
        <translation>الاستشاري المسؤول، مثل خالد الشمري</translation>
    </message>
    <message>
        <source>Responsible &amp;consultant</source>
        <translation>ال&amp;استشاري المسؤول</translation>
    </message>
    <message>
        <source>Choose the anaesthesia</source>
        <translation>اختر نوع التخدير</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="59"/>
        <source>Patient and procedure</source>
        <translation>المريض والإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="75"/>
        <source>Identity</source>
        <translation>الهوية</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="78"/>
        <source>Name (&amp;Arabic)</source>
        <translation>الاسم (بالعربية)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="81"/>
        <source>Name (&amp;Latin)</source>
        <translation>الاسم (بالحروف اللاتينية)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="84"/>
        <source>&amp;Medical record number</source>
        <translation>رقم الملف الطبي</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="87"/>
        <source>National &amp;ID</source>
        <translation>رقم الهوية الوطنية</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="90"/>
        <source>&amp;Birth date</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="95"/>
        <source>&amp;Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="95"/>
        <source>Female</source>
        <translation>أنثى</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="96"/>
        <source>M&amp;ale</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="96"/>
        <source>Male</source>
        <translation>ذكر</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="101"/>
        <source>Sex</source>
        <translation>الجنس</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="102"/>
        <source>&amp;Two identifiers verified with the patient</source>
        <translation>تم التحقق من معرّفين اثنين مع المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="103"/>
        <source>Two identifiers verified</source>
        <translation>تم التحقق من معرّفين اثنين</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="105"/>
        <source>Full name with the record number or the birth date.</source>
        <translation>الاسم الكامل مع رقم الملف أو تاريخ الميلاد.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="108"/>
        <source>Procedure</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="111"/>
        <source>Vertebroplasty</source>
        <translation>رأب الفقرات</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="112"/>
        <source>Kyphoplasty</source>
        <translation>رأب الحدبة (بالبالون)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="113"/>
        <source>&amp;Procedure</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="117"/>
        <source>I&amp;ndication</source>
        <translation>سبب الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="121"/>
        <source>Levels</source>
        <translation>الفقرات</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="124"/>
        <source>&amp;Fracture date</source>
        <translation>تاريخ الكسر</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="130"/>
        <source>Planned procedure &amp;date</source>
        <translation>موعد الإجراء المخطط</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="132"/>
        <source>e.g. 2-4%</source>
        <translation>مثل ⁦2-4%⁩</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="133"/>
        <source>Complication figure stated by the &amp;physician</source>
        <translation>نسبة المضاعفات التي حددها الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="138"/>
        <source>Why now: treatment tried, or an immediate criterion</source>
        <translation>لماذا الآن: علاج سابق جُرّب، أو معيار يستدعي الإجراء فوراً</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="140"/>
        <source>Conservative treatment tried without enough relief:</source>
        <translation>علاج تحفظي جُرّب دون تحسن كافٍ:</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="144"/>
        <source>Or a reason to act at once:</source>
        <translation>أو سبب يستدعي الإجراء فوراً:</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="153"/>
        <source>Levels on the spine</source>
        <translation>الفقرات على صورة العمود الفقري</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="167"/>
        <source>T&amp;raining mode (not a real patient; the record is watermarked)</source>
        <translation>وضع التدريب (ليس مريضاً حقيقياً، ويُعلَّم السجل بعلامة مائية)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="168"/>
        <source>Training mode</source>
        <translation>وضع التدريب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="171"/>
        <source>&amp;Continue to the discussion</source>
        <translation>متابعة إلى الشرح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="172"/>
        <source>Continue to the discussion</source>
        <translation>متابعة إلى الشرح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="197"/>
        <source>Choose the indication</source>
        <translation>اختر سبب الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="222"/>
        <source>This form version is not approved by a physician yet. Turn on training mode to practise with it.</source>
        <translation>لم يعتمد طبيب هذا الإصدار من النموذج بعد. فعّل وضع التدريب للتمرّن عليه.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="224"/>
        <source>Training mode: the record is marked as a demonstration.</source>
        <translation>وضع التدريب: يُعلَّم السجل بأنه للتدريب.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="249"/>
        <source>The fracture will be %1 weeks old on the planned date: older than eight weeks. The chance of benefit is lower, and a physician must accept this with a reason.</source>
        <translation>سيكون عمر الكسر %1 أسبوعاً في موعد الإجراء، أي أكثر من ثمانية أسابيع. فرصة الفائدة أقل، ويجب أن يقبل الطبيب ذلك مع ذكر السبب.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/patient_page.py" line="256"/>
        <source>Tick the treatment tried or the immediate criterion; without either, a physician must accept it.</source>
        <translation>اختر العلاج الذي جُرّب أو المعيار الذي يستدعي الإجراء فوراً؛ وبدونهما يجب أن يقبل الطبيب ذلك.</translation>
    </message>
    <message>
        <source>e.g. T12, L1 (or tap the picture)</source>
        <translation>مثل T12, L1 (أو المس صورة العمود الفقري)</translation>
    </message>
    <message>
        <source>&amp;Levels</source>
        <translation>ال&amp;فقرات</translation>
    </message>
    <message>
        <source>Tap a vertebra, or use the arrow keys and Space.</source>
        <translation>المس الفقرة أو انقر عليها، أو استخدم مفاتيح الأسهم ومسافة.</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>تاريخ الميلاد</translation>
    </message>
    <message>
        <source>Planned procedure date</source>
        <translation>موعد الإجراء المخطط</translation>
    </message>
    <message>
        <source>Fracture date</source>
        <translation>تاريخ الكسر</translation>
    </message>
</context>
<context>
    <name>RecordPage</name>
        <message>
            <source>Seal NOT valid: %1</source>
            <translation>الختم غير صالح: %1</translation>
        </message>
        <message>
            <source>Demonstration seal (level %1): it proves nothing about a patient.</source>
            <translation>ختم تجريبي (المستوى %1): لا يثبت شيئاً عن أي مريض.</translation>
        </message>
        <message>
            <source>trusted time %1</source>
            <translation>الوقت الموثوق %1</translation>
        </message>
        <message>
            <source>no trusted time (the signing time it states proves nothing)</source>
            <translation>لا وقت موثوق (وقت التوقيع المذكور فيه لا يثبت شيئاً)</translation>
        </message>
        <message>
            <source>Seal valid, level %1; %2; signer: %3; trust anchor: %4</source>
            <translation>الختم صالح، المستوى %1؛ %2؛ الموقِّع: %3؛ مرجع الثقة: %4</translation>
        </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="86"/>
        <location filename="../../app/ui/desk/record_page.py" line="147"/>
        <source>Sealed record</source>
        <translation>السجل المختوم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="95"/>
        <source>The sealed record (PDF)</source>
        <translation>السجل المختوم (PDF)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="103"/>
        <source>&amp;Print…</source>
        <translation>طباعة…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="103"/>
        <location filename="../../app/ui/desk/record_page.py" line="165"/>
        <source>Print the record</source>
        <translation>طباعة السجل</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="104"/>
        <source>Save a &amp;copy…</source>
        <translation>حفظ نسخة…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="104"/>
        <source>Save a copy of the PDF</source>
        <translation>حفظ نسخة من ملف PDF</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="105"/>
        <source>Copy &amp;given to the patient</source>
        <translation>سُلّمت نسخة للمريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="105"/>
        <source>Copy given to the patient</source>
        <translation>سُلّمت نسخة للمريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="106"/>
        <source>Patient &amp;declined a copy</source>
        <translation>رفض المريض أخذ نسخة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="106"/>
        <source>Patient declined a copy</source>
        <translation>رفض المريض أخذ نسخة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="108"/>
        <source>&amp;Back to Today</source>
        <translation>العودة إلى اليوم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="108"/>
        <source>Back to Today</source>
        <translation>العودة إلى اليوم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="109"/>
        <source>Continue to the &amp;verification</source>
        <translation>متابعة إلى التحقق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="110"/>
        <source>Continue to the pre-procedure verification</source>
        <translation>متابعة إلى التحقق قبل الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="145"/>
        <source>Signed consent</source>
        <translation>موافقة موقّعة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="145"/>
        <source>Signed refusal</source>
        <translation>رفض موقّع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="146"/>
        <source>Pre-procedure verification</source>
        <translation>التحقق قبل الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="150"/>
        <source>Record number %1</source>
        <translation>رقم السجل %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="157"/>
        <source>Training record: marked as a demonstration, not for a real patient.</source>
        <translation>سجل تدريب: معلَّم بأنه للتدريب، وليس لمريض حقيقي.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="159"/>
        <source>Offer the patient a copy, then record whether it was given.</source>
        <translation>اعرض على المريض نسخة، ثم سجّل هل سُلّمت له.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="182"/>
        <source>Sent to the printer.</source>
        <translation>أُرسل إلى الطابعة.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="190"/>
        <source>Printing…</source>
        <translation>جارٍ الطباعة…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="193"/>
        <source>Save a copy</source>
        <translation>حفظ نسخة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="194"/>
        <source>PDF files (*.pdf)</source>
        <translation>ملفات PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="204"/>
        <source>A copy was saved to %1</source>
        <translation>حُفظت نسخة في %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="215"/>
        <source>Recorded: copy given to the patient.</source>
        <translation>سُجّل: سُلّمت نسخة للمريض.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/record_page.py" line="216"/>
        <source>Recorded: the patient declined a copy.</source>
        <translation>سُجّل: رفض المريض أخذ نسخة.</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../app/ui/patient/signature_pad.py" line="104"/>
        <source>Signature pad</source>
        <translation>لوحة التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signature_pad.py" line="105"/>
        <source>Sign with the pen, a finger or the mouse. Ctrl+Z undoes the last stroke.</source>
        <translation>وقّع بالقلم أو بالإصبع أو بالفأرة. Ctrl+Z يلغي آخر خط.</translation>
    </message>
    <message>
        <location filename="../../app/ui/patient/signature_pad.py" line="353"/>
        <source>Sign here</source>
        <translation>وقّع هنا</translation>
    </message>
</context>
<context>
    <name>SigningPage</name>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="45"/>
        <source>Patient</source>
        <translation>المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="45"/>
        <source>Representative</source>
        <translation>الممثل القانوني</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="46"/>
        <source>Witness</source>
        <translation>الشاهد</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="46"/>
        <source>Interpreter</source>
        <translation>المترجم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="46"/>
        <source>Physician</source>
        <translation>الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="52"/>
        <source>Signatures</source>
        <translation>التوقيعات</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="62"/>
        <source>Physician: &amp;accept with a reason…</source>
        <translation>الطبيب: قبول مع ذكر السبب…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="63"/>
        <source>Physician: accept the warning with a reason</source>
        <translation>الطبيب: قبول التنبيه مع ذكر السبب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="70"/>
        <source>Who signs for the patient</source>
        <translation>من يوقّع عن المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="73"/>
        <source>The &amp;patient</source>
        <translation>المريض نفسه</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="73"/>
        <source>The patient signs</source>
        <translation>المريض يوقّع بنفسه</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="74"/>
        <source>A legal &amp;representative</source>
        <translation>ممثل قانوني</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="74"/>
        <source>A legal representative signs</source>
        <translation>يوقّع ممثل قانوني</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="79"/>
        <source>Cannot write: signs with a &amp;mark (a witness is then required)</source>
        <translation>لا يستطيع الكتابة: يوقّع بعلامة (ويلزم عندها شاهد)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="80"/>
        <source>Signs with a mark; a witness is required</source>
        <translation>يوقّع بعلامة؛ ويلزم شاهد</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="84"/>
        <source>Re&amp;lationship to the patient</source>
        <translation>صلة القرابة بالمريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="86"/>
        <source>Why the patient cannot decide</source>
        <translation>سبب عدم قدرة المريض على القرار</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="89"/>
        <source>Signatures needed:</source>
        <translation>التوقيعات المطلوبة:</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="97"/>
        <source>Signature</source>
        <translation>التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="103"/>
        <source>&amp;Name of the signer</source>
        <translation>اسم الموقّع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="105"/>
        <source>Lan&amp;guage interpreted</source>
        <translation>لغة الترجمة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="110"/>
        <source>&amp;Undo stroke</source>
        <translation>تراجع عن آخر خط</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="111"/>
        <source>Undo the last stroke</source>
        <translation>التراجع عن آخر خط</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="112"/>
        <source>Clea&amp;r</source>
        <translation>مسح</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="113"/>
        <source>Clear the pad</source>
        <translation>مسح لوحة التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="114"/>
        <location filename="../../app/ui/desk/signing_page.py" line="224"/>
        <source>&amp;Accept signature</source>
        <translation>اعتماد التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="115"/>
        <location filename="../../app/ui/desk/signing_page.py" line="213"/>
        <source>Accept signature</source>
        <translation>اعتماد التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="116"/>
        <source>Hand over to the patient &amp;screen…</source>
        <translation>تسليم إلى شاشة المريض…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="117"/>
        <source>Hand over to the patient screen</source>
        <translation>تسليم إلى شاشة المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="118"/>
        <source>The patient reads, confirms each part and signs on the patient screen; a staff password brings it back.</source>
        <translation>يقرأ المريض كل جزء ويؤكد فهمه ويوقّع على شاشة المريض؛ وتعود الشاشة بكلمة مرور أحد أفراد الفريق.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="133"/>
        <source>Sealing in progress</source>
        <translation>جارٍ الختم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="134"/>
        <source>Sealing…</source>
        <translation>جارٍ الختم…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="138"/>
        <source>&amp;Seal the record</source>
        <translation>ختم السجل</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="139"/>
        <source>Seal the record</source>
        <translation>ختم السجل</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="173"/>
        <source>Refusal: the patient declines the procedure after the explanation.</source>
        <translation>رفض: يرفض المريض الإجراء بعد الشرح.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="203"/>
        <source>%1: signed (%2)</source>
        <translation>%1: وقّع (%2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="205"/>
        <source>%1: waiting</source>
        <translation>%1: بانتظار التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="212"/>
        <source>All signatures are in. Seal the record.</source>
        <translation>اكتملت التوقيعات. اختم السجل.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="215"/>
        <source>Now signing: %1</source>
        <translation>يوقّع الآن: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="221"/>
        <source>Filled in from the physician&apos;s account</source>
        <translation>يُملأ من حساب الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="223"/>
        <source>Physician signs…</source>
        <translation>توقيع الطبيب…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="238"/>
        <source>Too small to be a signature: please sign again.</source>
        <translation>أصغر من أن يكون توقيعاً: يرجى التوقيع مرة أخرى.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="240"/>
        <source>Sign with the pen, a finger or the mouse.</source>
        <translation>وقّع بالقلم أو بالإصبع أو بالفأرة.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="252"/>
        <source>Physician&apos;s signature</source>
        <translation>توقيع الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="253"/>
        <source>The physician confirms the signature with their own password.</source>
        <translation>يؤكد الطبيب توقيعه بكلمة المرور الخاصة به.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="281"/>
        <source>Physician override</source>
        <translation>تجاوز من الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/signing_page.py" line="303"/>
        <source>Sealing the record…</source>
        <translation>جارٍ ختم السجل…</translation>
    </message>
</context>
<context>
    <name>SpinePicker</name>
    <message>
        <location filename="../../app/ui/desk/spine_picker.py" line="30"/>
        <source>Spine picture: vertebral levels</source>
        <translation>صورة العمود الفقري: مستويات الفقرات</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/spine_picker.py" line="60"/>
        <source>Chosen levels: %1</source>
        <translation>الفقرات المختارة: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/spine_picker.py" line="60"/>
        <source>No level chosen yet</source>
        <translation>لم تُختر أي فقرة بعد</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/spine_picker.py" line="62"/>
        <source>(Up and Down move, Space chooses; now on %1)</source>
        <translation>(السهمان لأعلى ولأسفل للتنقل، ومسافة للاختيار؛ الآن على %1)</translation>
    </message>
</context>
<context>
    <name>ReadinessPage</name>
    <message>
        <source>(physician)</source>
        <translation>(للطبيب)</translation>
    </message>
    <message>
        <source>range %1</source>
        <translation>المدى المقبول %1</translation>
    </message>
    <message>
        <source>A physician's item</source>
        <translation>بند يجيب عنه الطبيب</translation>
    </message>
    <message>
        <source>Answered by a physician: %1</source>
        <translation>يجيب عنه الطبيب: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="151"/>
        <source>Pre-procedure verification</source>
        <translation>التحقق قبل الإجراء</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="161"/>
        <source>Checklist</source>
        <translation>قائمة التحقق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="176"/>
        <source>&amp;Reconfirm the consent</source>
        <translation>إعادة تأكيد الموافقة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="177"/>
        <source>Reconfirm the consent (still valid, form unchanged)</source>
        <translation>إعادة تأكيد الموافقة (ما زالت سارية، والنموذج لم يتغير)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="183"/>
        <source>Sealing in progress</source>
        <translation>جارٍ الختم</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="186"/>
        <source>Show the verification &amp;record</source>
        <translation>عرض سجل التحقق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="187"/>
        <source>Show the verification record</source>
        <translation>عرض سجل التحقق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="190"/>
        <source>&amp;Complete the verification</source>
        <translation>إتمام التحقق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="191"/>
        <source>Complete the verification</source>
        <translation>إتمام التحقق</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="221"/>
        <source>(optional)</source>
        <translation>(اختياري)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="233"/>
        <source>Staff guidance; not shown to the patient</source>
        <translation>إرشاد للطاقم، لا يُعرض على المريض</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="234"/>
        <source>Staff only</source>
        <translation>للطاقم فقط</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="265"/>
        <source>blocks above %1</source>
        <translation>يمنع الإجراء فوق %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="265"/>
        <source>blocks below %1</source>
        <translation>يمنع الإجراء تحت %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="266"/>
        <source>blocks at %1 or more</source>
        <translation>يمنع الإجراء عند %1 أو أكثر</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="281"/>
        <source>Blocking, overridden by the physician</source>
        <translation>مانع، وتجاوزه الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="283"/>
        <source>Blocking: %1</source>
        <translation>مانع: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="285"/>
        <source>Not answered yet</source>
        <translation>لم يُجب بعد</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="287"/>
        <source>Saved</source>
        <translation>حُفظ</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="292"/>
        <source>No answer needed</source>
        <translation>لا تلزم إجابة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="295"/>
        <source>Consent reconfirmed by %1</source>
        <translation>أكّد الموافقة %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="296"/>
        <source>Consent not reconfirmed yet</source>
        <translation>لم تُؤكَّد الموافقة بعد</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="311"/>
        <source>Carried over from the consent: %1</source>
        <translation>منقول من الموافقة: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="317"/>
        <source>Blocking</source>
        <translation>مانع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="319"/>
        <source>Physician override…</source>
        <translation>تجاوز من الطبيب…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="320"/>
        <source>Physician override: %1</source>
        <translation>تجاوز من الطبيب: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="328"/>
        <source>Overridden by %1: %2 (reason: %3)</source>
        <translation>تجاوزه %1: %2 (السبب: %3)</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="348"/>
        <source>Physician override</source>
        <translation>تجاوز من الطبيب</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="367"/>
        <source>Sealing the verification…</source>
        <translation>جارٍ ختم التحقق…</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="399"/>
        <source>Ready for the procedure.</source>
        <translation>المريض جاهز للإجراء.</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="410"/>
        <source>the consent has expired</source>
        <translation>انتهت صلاحية الموافقة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="411"/>
        <source>the form changed since signing</source>
        <translation>تغيّر النموذج منذ التوقيع</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="412"/>
        <source>the verification is not complete</source>
        <translation>التحقق غير مكتمل</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="413"/>
        <source>the consent was withdrawn or corrected</source>
        <translation>سُحبت الموافقة أو صُححت</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="414"/>
        <source>there is no signed consent</source>
        <translation>لا توجد موافقة موقّعة</translation>
    </message>
    <message>
        <location filename="../../app/ui/desk/readiness_page.py" line="415"/>
        <source>Not ready for the procedure: %1</source>
        <translation>المريض غير جاهز للإجراء: %1</translation>
    </message>
</context>
<context>
    <name>CalendarPopup</name>
    <message>
        <source>Calendar</source>
        <translation>التقويم</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>e.g. 2026-05-17 14:30</source>
        <translation>مثال: ⁦2026-05-17 14:30⁩</translation>
    </message>
    <message>
        <source>e.g. 2026-05-17</source>
        <translation>مثال: ⁦2026-05-17⁩</translation>
    </message>
    <message>
        <source>Choose on the calendar</source>
        <translation>اختر من التقويم</translation>
    </message>
    <message>
        <source>Choose on the calendar (Alt+Down)</source>
        <translation>اختر من التقويم (Alt+السهم السفلي)</translation>
    </message>
    <message>
        <source>Not a date and time: type year-month-day and the time, e.g. 2026-05-17 14:30</source>
        <translation>ليس تاريخاً ووقتاً: اكتب السنة-الشهر-اليوم ثم الوقت، مثال: ⁦2026-05-17 14:30⁩</translation>
    </message>
    <message>
        <source>Not a date: type year-month-day, e.g. 2026-05-17</source>
        <translation>ليس تاريخاً: اكتب السنة-الشهر-اليوم، مثال: ⁦2026-05-17⁩</translation>
    </message>
    <message>
        <source>The date must lie between %1 and %2.</source>
        <translation>يجب أن يقع التاريخ بين %1 و %2.</translation>
    </message>
</context>
<context>
    <name>FileDialogs</name>
    <message>
        <source>Folder:</source>
        <translation>المجلد:</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>اسم الملف:</translation>
    </message>
    <message>
        <source>Type of file:</source>
        <translation>نوع الملف:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>حفظ</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>EntryLine</name>
    <message>
        <source>Choose…</source>
        <translation>اختر…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Remove line %1</source>
        <translation>حذف السطر %1</translation>
    </message>
</context>
<context>
    <name>EntriesEditor</name>
    <message>
        <source>Add a medicine</source>
        <translation>إضافة دواء</translation>
    </message>
    <message>
        <source>Add a medicine: one line per drug, with its last dose</source>
        <translation>إضافة دواء: سطر لكل دواء مع آخر جرعة</translation>
    </message>
    <message>
        <source>Complete every field of each line; the list is saved when it is complete.</source>
        <translation>أكمل كل خانات كل سطر؛ تُحفظ القائمة عندما تكتمل.</translation>
    </message>
</context>
</TS>
