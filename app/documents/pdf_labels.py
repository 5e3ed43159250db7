"""Arabic words the record PDF prints that do not come from the form file."""
from __future__ import annotations

SEX = {"F": "أنثى", "M": "ذكر"}
ROLES = {"patient": "المريض", "representative": "الممثل النظامي", "witness": "الشاهد",
         "interpreter": "المترجم", "physician": "الطبيب"}
STATUS = {"ok": "مستوفى", "blocking": "مانع", "missing": "ناقص", "not_applicable": "لا ينطبق"}
METHODS = {"drawn": "توقيع على اللوح", "mark": "علامة (لا يستطيع الكتابة)"}
ACK_BY = {"patient": "المريض", "staff": "الطاقم"}
YESNO = {"yes": "نعم", "no": "لا", True: "نعم", False: "لا", "unknown": "غير معروف"}
WARNINGS = {
    "fracture_older_than_8_weeks": "مضى على الكسر أكثر من ثمانية أسابيع ({weeks_text})",
    "fracture_date_missing": "تاريخ الكسر غير مسجل",
    "no_conservative_or_immediate": "لم تُسجل معالجة تحفظية فاشلة ولا معيار للتدخل الفوري",
}
KIND_TITLES = {"refusal": "إقرار برفض الإجراء", "verification": "التحقق قبل الإجراء",
               "withdrawal": "العدول عن الموافقة على الإجراء", "correction": "سجل مصحَّح"}
NO_INSTITUTION = "لم يُحدَّد اسم المؤسسة في إعدادات البرنامج"
REFERS_TO = "يشير إلى السجل رقم {record_id}"
H_WITHDRAWAL = "العدول عن الموافقة"
H_CORRECTION = "التصحيح"
CORRECTION_REASON = "سبب التصحيح"
CORRECTION_NOTE = ("هذا السجل يحل محل السجل الأصلي المشار إليه، الذي يبقى محفوظاً دون تغيير. "
                   "التوقيعات أدناه منقولة من السجل الأصلي.")
CORRECTION_FIELDS = {
    "patient.name_ar": "الاسم", "patient.name_latin": "الاسم باللاتينية", "patient.mrn": "الرقم الطبي",
    "patient.national_id": "رقم الهوية", "patient.birth_date": "تاريخ الميلاد", "patient.sex": "الجنس",
    "procedure.levels": "المستوى", "procedure.planned_date": "تاريخ الإجراء المخطط",
    "procedure.fracture_date": "تاريخ الكسر",
}
REFUSAL_STATEMENT = (
    "أُقرّ بأنه قد شُرحت لي طبيعة الإجراء ودواعيه وفوائده ومخاطره والبدائل المتاحة وعواقب عدم "
    "إجرائه، وأُتيحت لي فرصة طرح الأسئلة، وأنني أرفض إجراءه بإرادتي الحرة، وأعلم أنه يمكنني "
    "العدول عن هذا الرفض في أي وقت."
)

H_PATIENT = "بيانات المريض"
H_PROCEDURE = "الإجراء"
H_INDICATION = "داعي الإجراء وفوائده ومخاطره"
H_HISTORY = "العلاج السابق ومعايير التدخل"
H_SECTIONS = "المعلومات التي نوقشت مع المريض"
H_CHECKLIST = "حالة التحقق عند التوقيع"
H_QUESTIONS = "الأسئلة والأجوبة"
H_TEACH_BACK = "التحقق من الفهم"
H_CERTIFICATION = "الإقرار"
H_SIGNATURES = "التوقيعات"
H_OVERRIDES = "التجاوزات المعتمدة"
H_BLOCKS = "الموانع المفتوحة"
H_READINESS = "الجاهزية"
H_VERIFIER = "المتحقق"
