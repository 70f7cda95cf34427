<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ResultScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/result.py" line="143"/>
        <source>%n person(s) counted. Enjoy your visit.</source>
        <translation>
            <numerusform>%n person counted. Enjoy your visit.</numerusform>
            <numerusform>%n people counted. Enjoy your visit.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaffPinScreen</name>
    <message numerus="yes">
        <location filename="../../ui/screens/staff_pin.py" line="113"/>
        <source>Too many wrong PINs. Wait %n second(s).</source>
        <translation>
            <numerusform>Too many wrong PINs. Wait %n second.</numerusform>
            <numerusform>Too many wrong PINs. Wait %n seconds.</numerusform>
        </translation>
    </message>
</context>
</TS>
